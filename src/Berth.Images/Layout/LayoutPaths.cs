using Berth.Oci;

namespace Berth.Images.Layout;

/// <summary>Path rules for names inside archives and layouts: relative, slash separated, never leaving the root.</summary>
internal static class LayoutPaths
{
    public const string ManifestJson = "manifest.json";
    public const string Repositories = "repositories";
    public const string IndexJson = "index.json";
    public const string OciLayoutFile = "oci-layout";

    /// <summary>The metadata files kept in memory and never stored as blobs.</summary>
    public static bool IsMetadata(string name) => name is ManifestJson or Repositories or IndexJson or OciLayoutFile;

    /// <summary>
    /// The canonical form of a tar entry name (<c>./a//b</c> is <c>a/b</c>), or null when it climbs out of the
    /// root; archives are never extracted, so such entries are simply unreachable.
    /// </summary>
    public static string? Normalize(string name)
    {
        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>A path named by manifest.json: must be relative and free of <c>..</c>, as docker load requires.</summary>
    public static string Referenced(string? path, string what)
    {
        if (string.IsNullOrEmpty(path)) throw Invalid($"{what} is empty");
        if (path.StartsWith('/') || path.Split('/').Contains("..") || path.Contains('\\') || path.Contains('\0'))
            throw Invalid($"manifest.json references unsafe path \"{path}\"");
        return Normalize(path) ?? throw Invalid($"manifest.json references unsafe path \"{path}\"");
    }

    /// <summary>The blob path of a digest in an OCI layout (image-layout.md "blobs").</summary>
    public static string BlobPath(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Encoded}";

    /// <summary>The digest a <c>blobs/&lt;alg&gt;/&lt;encoded&gt;</c> name promises, or null for other names.</summary>
    public static Digest? DigestOfBlobPath(string name)
    {
        var parts = name.Split('/');
        return parts.Length == 3 && parts[0] == "blobs" && Digest.TryParse($"{parts[1]}:{parts[2]}", out var d) ? d : null;
    }

    public static BerthException Invalid(string message, Exception? inner = null) => BerthException.Invalid("invalid archive: " + message, inner);
}
