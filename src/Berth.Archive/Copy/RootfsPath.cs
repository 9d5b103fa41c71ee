using Berth.Linux;
using Berth.Oci;

namespace Berth.Archive.Copy;

/// <summary>
/// Container paths resolved the way Docker's daemon resolves them for <c>docker cp</c> (container.ResolvePath):
/// the path is made absolute and cleaned lexically first ("/a/link/.." is "/a"), then every component but the
/// last is followed inside the rootfs as if it were '/' (chroot semantics: an absolute link target restarts
/// at the rootfs, '..' stops at it), and the last component is followed only when asked or when the path
/// ends in "/" or "/.". Nothing outside the rootfs is ever looked at.
/// </summary>
public static class RootfsPath
{
    private const int MaxSymlinks = 40;

    /// <summary>"/" + the lexically cleaned path; a trailing "/" or "/." is kept because it changes the meaning.</summary>
    public static string Absolute(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        var clean = "/" + string.Join('/', parts);
        if (clean == "/") return clean;
        if (path.EndsWith("/.", StringComparison.Ordinal) || path == ".") return clean + "/.";
        if (path.EndsWith('/')) return clean + "/";
        return clean;
    }

    /// <summary>Go's filepath.Base of an absolute path as <see cref="Absolute"/> writes it.</summary>
    public static string Base(string absolute)
    {
        if (absolute == "/") return "/";
        if (absolute.EndsWith("/.", StringComparison.Ordinal)) return ".";
        var trimmed = absolute.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    /// <summary>
    /// The resolved path relative to the rootfs ("" for its root). With <paramref name="followFinal"/> false
    /// the last component stays as it is (it may be a symlink or missing); a trailing "/" or "/." always follows.
    /// </summary>
    public static string Resolve(string root, string absolute, bool followFinal)
    {
        var follow = followFinal || absolute.EndsWith('/') || absolute.EndsWith("/.", StringComparison.Ordinal);
        var parts = absolute.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Count == 0) return "";
        var last = parts[^1];
        var directory = Follow(root, string.Join('/', parts.Take(parts.Count - 1)), absolute);
        var joined = directory.Length == 0 ? last : directory + "/" + last;
        return follow ? Follow(root, joined, absolute) : joined;
    }

    /// <summary>Follows every component of <paramref name="relative"/>, confined to <paramref name="root"/>.</summary>
    public static string Follow(string root, string relative, string forErrors)
    {
        var resolved = new List<string>();
        var pending = new Stack<string>();
        Push(pending, relative);
        var hops = 0;
        while (pending.TryPop(out var part))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            resolved.Add(part);
            var host = root + "/" + string.Join('/', resolved);
            if (!FileStatus.TryLstat(host, out var status, out _) || status.Type != UnixFileType.SymbolicLink) continue;
            if (++hops > MaxSymlinks) throw BerthException.Invalid($"too many levels of symbolic links in {forErrors}");
            resolved.RemoveAt(resolved.Count - 1);
            var target = Links.ReadLink(host);
            if (target.StartsWith('/')) resolved.Clear();
            Push(pending, target);
        }
        return string.Join('/', resolved);
    }

    public static string Host(string root, string relative) => relative.Length == 0 ? root : root + "/" + relative;

    /// <summary>The rootfs as an absolute path without a trailing slash; '/' itself is refused.</summary>
    public static string Root(string rootfsDir)
    {
        var root = Path.GetFullPath(rootfsDir).TrimEnd('/');
        if (root.Length == 0) throw BerthException.Invalid("refusing to use '/' as a container rootfs");
        if (!Directory.Exists(root)) throw BerthException.NotFound($"container rootfs {rootfsDir} does not exist");
        return root;
    }

    private static void Push(Stack<string> pending, string path)
    {
        var parts = path.Split('/');
        for (var i = parts.Length - 1; i >= 0; i--) pending.Push(parts[i]);
    }
}
