namespace Berth.Images.Layout;

/// <summary>Everything a scan saw: regular files by normalized name, and links to resolve when a file is looked up.</summary>
internal sealed class LayoutContents
{
    private const int MaxLinkHops = 16;

    public Dictionary<string, LayoutEntry> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Link name to the normalized path it points at (hard links and symlinks alike).</summary>
    public Dictionary<string, string> Links { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The file at <paramref name="path"/>, following links; classic <c>docker save</c> writes a shared layer once
    /// and links <c>&lt;id&gt;/layer.tar</c> of the other images to it.
    /// </summary>
    public LayoutEntry? Find(string path)
    {
        for (var hop = 0; hop < MaxLinkHops; hop++)
        {
            if (Files.TryGetValue(path, out var entry)) return entry;
            if (!Links.TryGetValue(path, out var target)) return null;
            path = target;
        }
        return null;
    }

    public byte[]? Metadata(string name) => Files.TryGetValue(name, out var entry) ? entry.Json : null;

    /// <summary>A referenced file, or the one-line error docker users should see when it is absent.</summary>
    public LayoutEntry Require(string path, string referrer) =>
        Find(path) ?? throw LayoutPaths.Invalid($"{referrer} references missing file \"{path}\"");
}
