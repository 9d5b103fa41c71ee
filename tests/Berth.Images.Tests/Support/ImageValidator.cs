using System.IO.Compression;
using Berth.Oci;

namespace Berth.Images.Tests.Support;

/// <summary>
/// Checks an image a test produced, from the store alone: the manifest blob has the descriptor's digest and
/// size, the config is the one named, every layer blob exists with its size, its media type declares the
/// compression its bytes have, and it decompresses to the diffID the config lists.
/// </summary>
internal static class ImageValidator
{
    public static ImageConfig Validate(StoreFixture fixture, ArchiveImage image)
    {
        var manifestBytes = fixture.Bytes(image.Manifest.Digest);
        Assert.Equal(image.Manifest.Size, manifestBytes.Length);
        Assert.Equal(image.Manifest.Digest, Digest.Compute(manifestBytes));
        var manifest = fixture.Manifest(image);
        Assert.Equal(image.Manifest.MediaType, manifest.MediaType);
        Assert.Equal(image.ConfigDigest, manifest.Config.Digest);
        var configBytes = fixture.Bytes(manifest.Config.Digest);
        Assert.Equal(manifest.Config.Size, configBytes.Length);
        Assert.Equal(manifest.Config.Digest, Digest.Compute(configBytes));
        var config = fixture.Config(image.ConfigDigest);
        Assert.Equal(config.RootFs.DiffIds.Count, manifest.Layers.Count);
        for (var i = 0; i < manifest.Layers.Count; i++)
        {
            var layer = manifest.Layers[i];
            var blob = fixture.Bytes(layer.Digest);
            Assert.Equal(layer.Size, blob.Length);
            Assert.Equal(layer.Digest, Digest.Compute(blob));
            var declared = MediaTypes.LayerCompressionOf(layer.MediaType);
            Assert.Equal(Archive.Compression.Detect(blob), declared);
            Assert.Equal(config.RootFs.DiffIds[i], Digest.Compute(Decompress(blob, declared!.Value)));
        }
        return config;
    }

    public static byte[] Decompress(byte[] blob, LayerCompression compression)
    {
        if (compression == LayerCompression.None) return blob;
        using var input = compression == LayerCompression.Gzip
            ? (Stream)new GZipStream(new MemoryStream(blob), CompressionMode.Decompress)
            : new ZstdSharp.DecompressionStream(new MemoryStream(blob));
        var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
