using Berth.Archive.Copy;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Builder.Context;

/// <summary>
/// Resolves one COPY/ADD source against a root as BuildKit does: the path is cleaned and anchored at the root
/// ("../x" is "x": it cannot leave the context), each component with an unescaped '*', '?' or '[' is matched
/// against directory entries with Go's filepath.Match, symlinks are followed inside the root, and files the
/// context's ignore rules hide do not exist. A source that resolves to nothing fails with BuildKit's
/// "failed to compute cache key" wording naming it.
/// </summary>
public static class SourceSelector
{
    public static IReadOnlyList<SelectedSource> Select(CopySourceRoot root, string source, IReadOnlyList<string> excludes)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(excludes);
        if (source.Length == 0) throw BerthException.Invalid("no source files were specified");
        var rootDirectory = RootfsPath.Root(root.Directory);
        var exclude = IgnorePatterns.FromPatterns(excludes);
        var clean = GoPath.InsideRoot(source);
        var pivot = ParentsPivot(source);
        var wildcard = GoPathMatch.ContainsWildcards(clean);

        var candidates = wildcard ? ExpandWildcards(rootDirectory, root.Ignore, clean, source) : [GoPathMatch.Unescape(clean)];
        var selected = new List<SelectedSource>();
        var droppedByExclude = false;
        foreach (var named in candidates)
        {
            var resolved = RootfsPath.Follow(rootDirectory, named, source);
            var host = RootfsPath.Host(rootDirectory, resolved);
            if (!FileStatus.TryLstat(host, out var status, out _)) continue;
            var isDirectory = status.Type == UnixFileType.Directory;
            var filter = new SourceFilter(root.Ignore, resolved, exclude);
            if (!IsVisible(root.Ignore, named, resolved, host, isDirectory, filter)) continue;
            // An --exclude pattern also drops a named source itself ("COPY --exclude=*.txt hom* /d/" skips home.txt).
            if (named.Length > 0 && !exclude.IsEmpty && (exclude.IsExcluded(named) || exclude.IsExcluded(GoPath.Base(named))))
            {
                droppedByExclude = true;
                continue;
            }
            selected.Add(new SelectedSource(named, host, isDirectory, wildcard)
            {
                ParentsPath = pivot is null ? null : RelativeTo(pivot, named),
                IsContext = root.IsContext,
                Filter = filter,
            });
        }
        if (selected.Count == 0 && !droppedByExclude)
            throw BerthException.NotFound($"failed to compute cache key: \"/{clean}\": not found");
        return selected;
    }

    /// <summary>
    /// Visible when neither the path as named nor its real location is hidden, or when it is a directory that
    /// an exception pattern still leaves content in (BuildKit's context then holds it as a parent).
    /// </summary>
    private static bool IsVisible(IgnorePatterns ignore, string named, string resolved, string host, bool isDirectory, SourceFilter filter)
    {
        if (ignore.IsEmpty || named.Length == 0) return true;
        var hidden = ignore.IsExcluded(named) || ignore.IsExcluded(resolved);
        if (!hidden) return true;
        return isDirectory && ignore.HasExceptions && SourceTree.HasVisibleContent(host, filter with { Exclude = IgnorePatterns.Empty });
    }

    /// <summary>Every path the wildcard source names, in byte order per directory.</summary>
    private static List<string> ExpandWildcards(string root, IgnorePatterns ignore, string clean, string source)
    {
        var components = clean.Split('/');
        // Go reports a malformed pattern even where no directory entry was compared against it.
        if (components.Any(c => GoPathMatch.ContainsWildcards(c) && !GoPathMatch.IsValid(c)))
            throw BerthException.Invalid($"syntax error in pattern: {source}");
        var current = new List<string> { "" };
        foreach (var component in components)
        {
            var next = new List<string>();
            foreach (var parent in current)
            {
                if (!GoPathMatch.ContainsWildcards(component))
                {
                    next.Add(GoPath.Join(parent, GoPathMatch.Unescape(component)));
                    continue;
                }
                var directory = RootfsPath.Host(root, RootfsPath.Follow(root, parent, source));
                if (!Directory.Exists(directory)) continue;
                foreach (var name in SourceTree.ListNames(directory))
                {
                    var match = GoPathMatch.Match(component, name);
                    var path = GoPath.Join(parent, name);
                    if (match && (ignore.IsEmpty || !ignore.IsExcluded(path) || ignore.HasExceptions)) next.Add(path);
                }
            }
            current = next;
        }
        return current;
    }

    /// <summary>The cleaned part before a "/./" in the source, which <c>--parents</c> treats as the base.</summary>
    private static string? ParentsPivot(string source)
    {
        var marker = source.IndexOf("/./", StringComparison.Ordinal);
        if (marker < 0) return source.StartsWith("./", StringComparison.Ordinal) ? "" : null;
        return GoPath.InsideRoot(source[..marker]);
    }

    private static string RelativeTo(string pivot, string path)
    {
        if (pivot.Length == 0) return path;
        return path.StartsWith(pivot + "/", StringComparison.Ordinal) ? path[(pivot.Length + 1)..] : path == pivot ? "" : path;
    }
}
