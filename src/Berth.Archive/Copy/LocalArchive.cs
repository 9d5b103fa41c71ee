using Berth.Linux;
using Berth.Oci;

namespace Berth.Archive.Copy;

/// <summary>
/// The host side of docker cp, as the docker CLI does it: tarring a host path to send into a container, and
/// extracting what a container sent into a host destination. The host destination is treated as hostile
/// input's target: nothing in the tar can reach outside the directory it is extracted into, no ownership is
/// taken from it (files belong to whoever runs the copy, as Docker documents), device nodes are skipped and
/// only user.* xattrs are set.
/// </summary>
public static class LocalArchive
{
    /// <summary>
    /// Tars <paramref name="hostPath"/> (named by its last element, "." for "dir/."; a final symlink archived as
    /// the link unless <paramref name="followLink"/> or a trailing "/", then its target under the link's name).
    /// </summary>
    /// <returns>The source description <see cref="CopyPlan"/> needs.</returns>
    public static async Task<CopySource> WriteAsync(string hostPath, Stream output, bool followLink, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var full = Path.GetFullPath(hostPath);
        if (!FileStatus.TryLstat(full, out var status, out var errno))
            throw errno is Errno.ENOENT or Errno.ENOTDIR
                ? BerthException.NotFound($"lstat {hostPath}: no such file or directory")
                : new LinuxIOException("lstat", hostPath, errno);
        if (status.Type == UnixFileType.SymbolicLink && (followLink || CopyPlan.AssertsDirectory(hostPath)))
        {
            full = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
            if (!FileStatus.TryLstat(full, out status, out _))
                throw BerthException.NotFound($"lstat {hostPath}: no such file or directory");
        }
        var source = new CopySource { Path = hostPath, IsDirectory = status.Type == UnixFileType.Directory };
        var writer = new TarEntryWriter(output);
        await new TreeArchiver(writer, new TreeArchiveOptions()).AddAsync(full.TrimEnd('/') is "" ? "/" : full.TrimEnd('/'), source.ArchiveName, ct)
            .ConfigureAwait(false);
        await writer.FinishAsync(ct).ConfigureAwait(false);
        return source;
    }

    /// <summary>
    /// docker cp CONTAINER:SRC HOSTDEST: plans with <see cref="CopyPlan"/> against the host destination's
    /// state (a symlink destination is followed) and extracts <paramref name="tar"/> there. Entries outside
    /// the source's own top entry, '..' or absolute names, symlinks climbing out, hardlinks to outside and
    /// names through the archive's own symlinks are refused; nothing is written outside the extraction
    /// directory.
    /// </summary>
    /// <returns>Entry names left out (device nodes).</returns>
    public static async Task<IReadOnlyList<string>> ExtractAsync(Stream tar, string hostDest, CopySource source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tar);
        ArgumentNullException.ThrowIfNull(source);
        var plan = CopyPlan.Plan(source, Destination(hostDest));
        var directory = Path.GetFullPath(plan.ExtractDirectory).TrimEnd('/');
        var policy = new ExtractPolicy
        {
            NoOverwriteDirNonDir = true,
            Chown = false,
            DeviceNodes = false,
            UserXattrsOnly = true,
            Rebase = plan.RenameFrom is { } from ? (from, plan.RenameTo!) : null,
            RequiredTop = plan.RenameTo ?? (source.ArchiveName == "." ? null : source.ArchiveName),
            DisplayRoot = directory.Length == 0 ? "/" : directory,
        };
        var extractor = new TarExtractor(directory, "", policy);
        await extractor.ExtractAsync(tar, ct).ConfigureAwait(false);
        return extractor.Skipped;
    }

    /// <summary>moby's CopyInfoDestinationPath: follows a symlink destination (on the host) and checks the parent.</summary>
    private static CopyDestination Destination(string hostDest)
    {
        var path = hostDest;
        for (var hops = 0; ; hops++)
        {
            if (!FileStatus.TryLstat(path, out var status, out _))
            {
                var (parent, _) = CopyPlan.SplitPath(path);
                var parentExists = Directory.Exists(parent);
                return new CopyDestination { Path = path, Exists = false, ParentExists = parentExists };
            }
            if (status.Type != UnixFileType.SymbolicLink)
                return new CopyDestination { Path = path, Exists = true, IsDirectory = status.Type == UnixFileType.Directory };
            if (hops == 40) throw BerthException.Invalid($"too many levels of symbolic links in {hostDest}");
            var target = Links.ReadLink(path.TrimEnd('/'));
            var trailing = CopyPlan.AssertsDirectory(hostDest) ? "/" : "";
            path = (target.StartsWith('/') ? target : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path.TrimEnd('/')))!, target)) + trailing;
        }
    }
}
