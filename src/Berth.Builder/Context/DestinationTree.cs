using Berth.Archive.Copy;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Builder.Context;

/// <summary>
/// Paths in the root filesystem a COPY writes to. Every lookup follows symlinks with chroot semantics (an
/// absolute target restarts at the rootfs, '..' stops at it), so a destination such as a link to /etc or
/// ../../ lands inside the rootfs, never on the host. Missing directories are made 0755 and owned by the
/// <c>--chown</c> user or root, as BuildKit makes them.
/// </summary>
internal sealed class DestinationTree(string root, uint uid, uint gid)
{
    private const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED; // 0755

    public string Root { get; } = root;

    public string Host(string relative) => RootfsPath.Host(Root, relative);

    /// <summary>The symlink-free relative path of a container path, every component followed.</summary>
    public string Resolve(string relative) => RootfsPath.Follow(Root, relative, "/" + relative);

    /// <summary>Whether the resolved path is a directory (false when missing).</summary>
    public bool IsDirectory(string resolved) =>
        FileStatus.TryLstat(Host(resolved), out var status, out _) && status.Type == UnixFileType.Directory;

    /// <summary>
    /// Makes <paramref name="relative"/> a directory, following links inside the rootfs and creating what is
    /// missing; returns its resolved relative path and whether the last component was created here.
    /// </summary>
    public (string Resolved, bool Created) EnsureDirectory(string relative)
    {
        var resolved = Resolve(relative);
        var current = "";
        var created = false;
        foreach (var part in resolved.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = GoPath.Join(current, part);
            var host = Host(current);
            if (FileStatus.TryLstat(host, out var status, out var errno))
            {
                if (status.Type != UnixFileType.Directory)
                    throw BerthException.Conflict($"cannot copy to non-directory: /{current}");
                created = false;
                continue;
            }
            if (errno != Errno.ENOENT) throw new LinuxIOException("lstat", host, errno);
            Directory.CreateDirectory(host, DirectoryMode);
            Ownership.Lchown(host, uid, gid);
            Permissions.Chmod(host, DirectoryMode);
            created = true;
        }
        return (resolved, created);
    }

    /// <summary>
    /// Frees the name <paramref name="resolved"/> for a new non-directory: an existing file, link or node is
    /// removed; an existing directory is a conflict (Docker refuses to replace a directory with a file).
    /// </summary>
    public void Clear(string resolved)
    {
        var host = Host(resolved);
        if (!FileStatus.TryLstat(host, out var status, out _)) return;
        if (status.Type == UnixFileType.Directory)
            throw BerthException.Conflict($"cannot replace directory /{resolved} with a non-directory");
        File.Delete(host);
    }
}
