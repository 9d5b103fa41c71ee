using Berth.Linux;

namespace Berth.Archive;

/// <summary>
/// Resolves layer paths as if the layer root were '/' (chroot semantics): each component is lstat-ed, symlinks
/// are followed by reading them ourselves, an absolute link target restarts at the root and '..' never climbs
/// above it. Resolved paths therefore contain no symlinks and always lie under the root. The parent cache
/// holds only resolutions through names that existed when they were made; they cannot change until one of those
/// names is removed, which is when the unpacker calls <see cref="Invalidate"/> (a link made under a free name lies
/// on no cached path). Nothing else may modify the tree meanwhile (it is a fresh layer
/// directory, not a live container root), so lstat-then-use has no race to lose.
/// </summary>
internal sealed class RootedPathResolver(string root)
{
    // Linux gives up after 40 links per lookup (MAXSYMLINKS); a layer gets the same budget.
    private const int MaxSymlinks = 40;

    private readonly Dictionary<string, string> _parents = new(StringComparer.Ordinal);

    public string Root { get; } = root;

    public string Host(string relative) => relative.Length == 0 ? Root : Root + "/" + relative;

    public void Invalidate() => _parents.Clear();

    /// <summary>
    /// Resolves the directory <paramref name="cleanDirectory"/> (following every symlink inside the root) and,
    /// with <paramref name="create"/>, makes missing components as 0755 directories the way tar does. Returns
    /// the resolved relative path, or null when it is missing and <paramref name="create"/> is false.
    /// </summary>
    public string? ResolveDirectory(string cleanDirectory, string entry, bool create)
    {
        if (_parents.TryGetValue(cleanDirectory, out var cached)) return cached;
        // A directory whose parent is resolved already needs only its own name looked at: the parent's resolution
        // is a chain of real directories (no link on it), so resolving from it is resolving from the root, with
        // one lstat instead of one per component, twice (a layer's entries sit a few directories deep each).
        var slash = cleanDirectory.LastIndexOf('/');
        var known = slash > 0 && _parents.TryGetValue(cleanDirectory[..slash], out var parent) ? parent : "";
        var resolved = Resolve(known.Length == 0 ? cleanDirectory : cleanDirectory[(slash + 1)..], entry, known);
        var parts = resolved.Length == 0 ? [] : resolved.Split('/');
        // The known parent's components exist; only what the resolution added beyond it is examined (or made).
        var current = known.Length > 0 && (resolved == known || resolved.StartsWith(known + "/", StringComparison.Ordinal)) ? known : "";
        foreach (var part in parts.AsSpan(current.Length == 0 ? 0 : current.Count(c => c == '/') + 1))
        {
            current = EntryNames.Join(current, part);
            var host = Host(current);
            if (FileStatus.TryLstat(host, out var status, out var errno))
            {
                if (status.Type != UnixFileType.Directory)
                    throw EntryNames.Unsafe(entry, $"parent '{current}' is not a directory");
                continue;
            }
            if (errno != Errno.ENOENT) throw new LinuxIOException("lstat", host, errno);
            if (!create) return null;
            Directory.CreateDirectory(host, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        _parents[cleanDirectory] = resolved;
        return resolved;
    }

    /// <summary>
    /// Follows every component of <paramref name="clean"/>, the last included, confined to the root, starting
    /// from <paramref name="start"/>: a resolved path with no link on it (empty for the root).
    /// </summary>
    private string Resolve(string clean, string entry, string start)
    {
        var resolved = start.Length == 0 ? new List<string>() : new List<string>(start.Split('/'));
        var pending = new Stack<string>();
        Push(pending, clean);
        var hops = 0;
        while (pending.TryPop(out var part))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                // At the root, '..' is the root itself, exactly as in a chroot.
                if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            resolved.Add(part);
            var host = Host(string.Join('/', resolved));
            if (!FileStatus.TryLstat(host, out var status, out _) || status.Type != UnixFileType.SymbolicLink) continue;
            if (++hops > MaxSymlinks) throw EntryNames.Unsafe(entry, "too many levels of symbolic links");
            resolved.RemoveAt(resolved.Count - 1);
            var target = Links.ReadLink(host);
            if (target.StartsWith('/')) resolved.Clear();
            Push(pending, target);
        }
        return string.Join('/', resolved);
    }

    private static void Push(Stack<string> pending, string path)
    {
        var parts = path.Split('/');
        for (var i = parts.Length - 1; i >= 0; i--) pending.Push(parts[i]);
    }
}
