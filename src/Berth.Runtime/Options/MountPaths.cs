using Berth.Oci;

namespace Berth.Runtime.Options;

/// <summary>Docker's lexical checks on container mount paths (moby volume/mounts linux_parser).</summary>
internal static class MountPaths
{
    /// <summary>Go's path.Clean for absolute and relative slash paths.</summary>
    public static string Clean(string path)
    {
        var rooted = path.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..") { parts.RemoveAt(parts.Count - 1); continue; }
            if (part == ".." && rooted) continue;
            parts.Add(part);
        }
        var joined = string.Join('/', parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    /// <summary>The error for a bad target, or null: it may not be the root and must be absolute.</summary>
    public static string? TargetError(string target)
    {
        if (Clean(target) == "/") return "invalid specification: destination can't be '/'";
        return target.StartsWith('/') ? null : $"invalid mount path: '{target}' mount path must be absolute";
    }

    public static BerthException Config(string type, string message) =>
        BerthException.Invalid($"invalid mount config for type \"{type}\": {message}");
}
