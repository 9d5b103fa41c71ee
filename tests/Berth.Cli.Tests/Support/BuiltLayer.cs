namespace Berth.Cli.Tests.Support;

/// <summary>A generated layer: its entries, uncompressed tar (diffID) and blob as stored (digest).</summary>
public sealed record BuiltLayer(LayerBuilder Source, byte[] Tar, byte[] Blob, LayerCompression Compression)
{
    public string DiffId => Sha.Digest(Tar);
    public string BlobDigest => Sha.Digest(Blob);

    public string OciMediaType => Compression switch
    {
        LayerCompression.Gzip => "application/vnd.oci.image.layer.v1.tar+gzip",
        LayerCompression.Zstd => "application/vnd.oci.image.layer.v1.tar+zstd",
        _ => "application/vnd.oci.image.layer.v1.tar",
    };
}
