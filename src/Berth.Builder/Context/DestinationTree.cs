using Berth.Archive.Copy;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Builder.Context;

/// <summary>
/// Paths in the root filesystem a COPY writes to. Every lookup follows symlinks with chroot semantics (an
/// absolute target restarts at the rootfs, '..' stops at it), so a destination such as a link to /etc or
/// ../../ lands inside the rootfs, never on the host. Missing directories are made 0755 and owned by the
/// <c>--chown</c> user or root, as BuildKit makes them.
/// <para>
/// A directory this copy made holds nothing but what the copy wrote into it, so a name below one that the copy
/// has not written yet is known to be free without a lookup: a COPY of a large tree into a new directory would
/// otherwise look up every name twice through the overlay (once to resolve it, once to clear it), each lookup
/// searching every lower layer. Whatever writes into the tree other than through <see cref="Clear"/> (an
/// archive unpacked into it) must call <see cref="Forget"/>.
/// </para>
/// </summary>
internal sealed class DestinationTree(string root, uint uid, uint gid)
{
    private const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED; // 0755

    private readonly HashSet<string> _made = new(StringComparer.Ordinal);
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    public string Root { get; } = root;

    public string Host(string relative) => RootfsPath.Host(Root, relative);

    /// <summary>The symlink-free relative path of a container path, every component followed.</summary>
    public string Resolve(string relative) =>
        InMadeDirectory(relative) && !_written.Contains(relative) ? relative : RootfsPath.Follow(Root, relative, "/" + relative);

    /// <summary>Drops what the tree knows about the directories it made, after something else wrote into them.</summary>
    public void Forget()
    {
        _made.Clear();
        _written.Clear();
    }

    /// <summary>
    /// Whether <paramref name="relative"/> is a plain name in a directory this copy made (whose own path is
    /// resolved, having been made from a resolved path), so that nothing but the copy's own writes can be there.
    /// </summary>
    private bool InMadeDirectory(string relative)
    {
        var slash = relative.LastIndexOf('/');
        if (slash <= 0) return false;
        var name = relative[(slash + 1)..];
        return name.Length > 0 && name != "." && name != ".." && _made.Contains(relative[..slash]);
    }

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
        if (InMadeDirectory(resolved) && !_written.Contains(resolved))
        {
            if (_made.Contains(resolved)) return (resolved, false);
            MakeDirectory(resolved);
            return (resolved, true);
        }
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
            MakeDirectory(current);
            created = true;
        }
        return (resolved, created);
    }

    private void MakeDirectory(string resolved)
    {
        var host = Host(resolved);
        Directory.CreateDirectory(host, DirectoryMode);
        Ownership.Lchown(host, uid, gid);
        Permissions.Chmod(host, DirectoryMode);
        _made.Add(resolved);
    }

    /// <summary>
    /// Frees the name <paramref name="resolved"/> for a new non-directory: an existing file, link or node is
    /// removed; an existing directory is a conflict (Docker refuses to replace a directory with a file).
    /// </summary>
    public void Clear(string resolved)
    {
        var fresh = InMadeDirectory(resolved) && !_made.Contains(resolved);
        if (!_written.Add(resolved)) fresh = false;
        if (fresh) return;
        var host = Host(resolved);
        if (!FileStatus.TryLstat(host, out var status, out _)) return;
        if (status.Type == UnixFileType.Directory)
            throw BerthException.Conflict($"cannot replace directory /{resolved} with a non-directory");
        File.Delete(host);
    }
}
