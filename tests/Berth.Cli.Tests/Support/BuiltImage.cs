namespace Berth.Cli.Tests.Support;

/// <summary>A generated image: layers and config; its ID is the config digest, as in docker.</summary>
public sealed record BuiltImage(IReadOnlyList<BuiltLayer> Layers, byte[] Config)
{
    public string Id => Sha.Digest(Config);
    public string ShortId => Id["sha256:".Length..][..12];

    /// <summary>The tree the layers merge to, whiteouts applied.</summary>
    public ExpectedTree Expected => ExpectedTree.FromLayers(Layers.Select(l => l.Source));
}
