namespace Berth.Cli.Tests.Support;

public enum LayerCompression
{
    None,
    Gzip,
    Zstd,
}
