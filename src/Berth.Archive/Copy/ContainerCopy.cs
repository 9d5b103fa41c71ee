using Berth.Linux;
using Berth.Oci;

namespace Berth.Archive.Copy;

/// <summary>
/// The container side of <c>docker cp</c>, on a container's root filesystem (the merged overlay mount, or any
/// directory holding the rootfs). Paths are container paths resolved with chroot semantics (see RootfsPath):
/// symlinks inside the rootfs are followed inside it, never on the host.
/// <para>A running container can change its files while they are copied; like Docker, pause it (or copy from a
/// stopped one) when an exact snapshot matters. Resolution is lstat-based, so the caller must not hand over a
/// rootfs that an untrusted process can rewrite during the call (Docker pauses the container for the same
/// reason, CVE-2018-15664).</para>
/// </summary>
public static class ContainerCopy
{
    /// <summary>
    /// The stat Docker's HEAD /containers/{id}/archive returns: the path itself (a final symlink is not
    /// followed, but its fully resolved target is given in <see cref="PathStat.LinkTarget"/>).
    /// </summary>
    public static PathStat StatPath(string rootfsDir, string containerPath)
    {
        var root = RootfsPath.Root(rootfsDir);
        var absolute = RootfsPath.Absolute(containerPath);
        var resolved = RootfsPath.Resolve(root, absolute, followFinal: false);
        var status = Lstat(root, resolved, containerPath);
        var linkTarget = status.Type == UnixFileType.SymbolicLink
            ? "/" + RootfsPath.Follow(root, resolved, containerPath)
            : "";
        return ToStat(RootfsPath.Base(absolute), status, linkTarget);
    }

    /// <summary>
    /// <c>docker cp CONTAINER:SRC -</c>: writes a tar of SRC to <paramref name="tarOutput"/> (flushed, not
    /// closed). Entries are named from SRC's last element ("etc/hosts" gives "hosts"; "dir" gives "dir/...";
    /// "dir/." gives the directory's contents as "./..."). A final symlink is archived as the link unless
    /// <paramref name="followLink"/>, in which case its target is archived under the link's name.
    /// </summary>
    /// <returns>The stat of what was archived, named as the tar's top entry.</returns>
    public static async Task<PathStat> CopyOutAsync(string rootfsDir, string containerPath, Stream tarOutput, bool followLink,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tarOutput);
        var root = RootfsPath.Root(rootfsDir);
        var absolute = RootfsPath.Absolute(containerPath);
        var resolved = RootfsPath.Resolve(root, absolute, followFinal: false);
        var status = Lstat(root, resolved, containerPath);
        var linkTarget = "";
        if (status.Type == UnixFileType.SymbolicLink)
        {
            var target = RootfsPath.Follow(root, resolved, containerPath);
            if (followLink)
            {
                resolved = target;
                status = Lstat(root, resolved, containerPath);
            }
            else
            {
                linkTarget = "/" + target;
            }
        }
        var name = RootfsPath.Base(absolute);
        // The rootfs itself is archived like "dir/.": its contents, not a directory named after the host path.
        var archiveName = name is "." or "/" ? "." : name;
        var writer = new TarEntryWriter(tarOutput);
        await new TreeArchiver(writer, new TreeArchiveOptions()).AddAsync(RootfsPath.Host(root, resolved), archiveName, ct).ConfigureAwait(false);
        await writer.FinishAsync(ct).ConfigureAwait(false);
        return ToStat(name, status, linkTarget);
    }

    /// <summary>
    /// <c>docker cp SRC CONTAINER:DEST</c> after planning (see <see cref="CopyPlan"/>): extracts
    /// <paramref name="tarInput"/> (plain, gzip or zstd) into the existing directory
    /// <paramref name="containerDestPath"/>. Entries are confined to the rootfs; '..' or absolute names,
    /// symlinks whose target climbs out of the destination, hardlinks to anything outside the destination and
    /// names that pass through a symlink from the same archive are refused with a one-line
    /// <see cref="BerthException"/> (InvalidArgument). Whiteout names are ordinary files here.
    /// </summary>
    public static async Task CopyInAsync(string rootfsDir, string containerDestPath, Stream tarInput, CopyInOptions options,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tarInput);
        ArgumentNullException.ThrowIfNull(options);
        var root = RootfsPath.Root(rootfsDir);
        var absolute = RootfsPath.Absolute(containerDestPath);
        var resolved = RootfsPath.Resolve(root, absolute, followFinal: true);
        var status = Lstat(root, resolved, containerDestPath);
        if (status.Type != UnixFileType.Directory)
            throw BerthException.Invalid($"extraction point is not a directory: {containerDestPath}");
        var policy = new ExtractPolicy
        {
            NoOverwriteDirNonDir = options.NoOverwriteDirNonDir,
            Owner = options.CopyUidGid ? null : (0, 0),
            Chown = Environment.IsPrivilegedProcess,
            DeviceNodes = Environment.IsPrivilegedProcess,
            Rebase = options.RebaseFrom is { } from && options.RebaseTo is { } to ? (from, to) : null,
            RequiredTop = options.RebaseFrom is not null ? options.RebaseTo : null,
            DisplayRoot = (absolute.EndsWith("/.", StringComparison.Ordinal) ? absolute[..^2] : absolute).TrimEnd('/'),
        };
        var (content, _) = await Compression.OpenDecompressedAsync(tarInput, leaveOpen: true, ct).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            await new TarExtractor(root, resolved, policy).ExtractAsync(content, ct).ConfigureAwait(false);
        }
    }

    internal static PathStat ToStat(string name, FileStatus status, string linkTarget) => new()
    {
        Name = name,
        Size = status.Size,
        Mode = GoFileMode.FromStatus(status),
        Mtime = status.ModificationTime.ToDateTimeOffset(),
        LinkTarget = linkTarget,
    };

    private static FileStatus Lstat(string root, string resolved, string containerPath)
    {
        if (FileStatus.TryLstat(RootfsPath.Host(root, resolved), out var status, out var errno)) return status;
        if (errno is Errno.ENOENT or Errno.ENOTDIR)
            throw BerthException.NotFound($"Could not find the file {containerPath} in container");
        throw new LinuxIOException("lstat", containerPath, errno);
    }
}
