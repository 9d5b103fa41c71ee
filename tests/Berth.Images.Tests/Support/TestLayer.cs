using Berth.Oci;

namespace Berth.Images.Tests.Support;

/// <summary>A generated layer: its uncompressed tar (diffID) and the blob as an archive carries it.</summary>
internal sealed record TestLayer(byte[] Tar, Digest DiffId, LayerCompression Compression, byte[] Blob, IReadOnlyList<string> Files)
{
    public Digest BlobDigest => Digest.Compute(Blob);

    public string MediaType => Compression switch
    {
        LayerCompression.Gzip => MediaTypes.OciLayerGzip,
        LayerCompression.Zstd => MediaTypes.OciLayerZstd,
        _ => MediaTypes.OciLayer,
    };
}
