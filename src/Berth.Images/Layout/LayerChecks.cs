using Berth.Oci;

namespace Berth.Images.Layout;

/// <summary>The checks every layer of an archive passes before an image may reference it.</summary>
internal static class LayerChecks
{
    /// <summary>The layer's real compression, after checking it decompresses to the diffID its config names.</summary>
    public static LayerCompression Verify(LayoutEntry entry, Digest expectedDiffId, string path)
    {
        if (entry.Compression is not { } compression)
            throw LayoutPaths.Invalid($"layer \"{path}\" is not a tar, gzip or zstd stream");
        if (entry.Problem is not null) throw LayoutPaths.Invalid($"layer \"{path}\": {entry.Problem}");
        if (entry.DiffId != expectedDiffId)
            throw LayoutPaths.Invalid($"layer \"{path}\" has diffID {entry.DiffId}, but the config lists {expectedDiffId}");
        return compression;
    }

    /// <summary>Also checks a descriptor's size and that its media type declares the compression the bytes have.</summary>
    public static void Verify(LayoutEntry entry, Descriptor layer, Digest expectedDiffId)
    {
        var path = LayoutPaths.BlobPath(layer.Digest);
        var declared = MediaTypes.LayerCompressionOf(layer.MediaType)
            ?? throw LayoutPaths.Invalid($"layer {layer.Digest} has unsupported media type \"{layer.MediaType}\"");
        CheckSize(entry, layer);
        var actual = Verify(entry, expectedDiffId, path);
        if (actual != declared)
            throw LayoutPaths.Invalid($"layer {layer.Digest} is {Name(actual)} but its media type \"{layer.MediaType}\" says {Name(declared)}");
    }

    public static void CheckSize(LayoutEntry entry, Descriptor descriptor)
    {
        if (entry.Size != descriptor.Size)
            throw LayoutPaths.Invalid($"blob {descriptor.Digest} is {entry.Size} bytes, but its descriptor says {descriptor.Size}");
    }

    private static string Name(LayerCompression compression) => compression switch
    {
        LayerCompression.None => "uncompressed",
        _ => compression.ToString().ToLowerInvariant(),
    };
}
