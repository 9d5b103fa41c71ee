namespace Berth.Builder.Context;

/// <summary>Go's path.Clean, Dir and Base on slash-separated paths (dockerignore and COPY paths are cleaned by them).</summary>
internal static class GoPath
{
    public static string Clean(string path)
    {
        if (path.Length == 0) return ".";
        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
                else if (!rooted) parts.Add("..");
                continue;
            }
            parts.Add(part);
        }
        var joined = string.Join('/', parts);
        if (rooted) return "/" + joined;
        return joined.Length == 0 ? "." : joined;
    }

    public static string Dir(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "." : Clean(path[..(slash + 1)]);
    }

    public static string Base(string path)
    {
        if (path.Length == 0) return ".";
        path = path.TrimEnd('/');
        if (path.Length == 0) return "/";
        return path[(path.LastIndexOf('/') + 1)..];
    }

    /// <summary>A path inside a root: "/" + the cleaned path with ".." stopping at the root, minus the "/".</summary>
    public static string InsideRoot(string path)
    {
        var clean = Clean("/" + path);
        return clean == "/" ? "" : clean[1..];
    }

    public static string Join(string parent, string child) =>
        parent.Length == 0 ? child : child.Length == 0 ? parent : parent + "/" + child;
}
