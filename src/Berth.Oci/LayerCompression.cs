namespace Berth.Oci;

public enum LayerCompression
{
    None,
    Gzip,
    Zstd,
}
