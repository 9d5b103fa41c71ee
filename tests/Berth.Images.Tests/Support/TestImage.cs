using Berth.Oci;

namespace Berth.Images.Tests.Support;

/// <summary>A generated image: config bytes listing the layers' diffIDs, and the names it is saved under.</summary>
internal sealed record TestImage(IReadOnlyList<TestLayer> Layers, byte[] Config, IReadOnlyList<string> Tags)
{
    public Digest ConfigDigest => Digest.Compute(Config);
}
