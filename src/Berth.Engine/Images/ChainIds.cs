using System.Security.Cryptography;
using System.Text;
using Berth.Oci;

namespace Berth.Engine.Images;

/// <summary>Chain IDs (OCI image-spec config.md, "Layer ChainID"): a layer stack identified by its diffIDs.</summary>
internal static class ChainIds
{
    public static Digest Next(Digest? parent, Digest diffId) =>
        parent is { } p ? Digest.FromSha256Hash(SHA256.HashData(Encoding.ASCII.GetBytes($"{p} {diffId}"))) : diffId;

    public static IReadOnlyList<Digest> Of(IReadOnlyList<Digest> diffIds)
    {
        var chain = new List<Digest>(diffIds.Count);
        Digest? parent = null;
        foreach (var diffId in diffIds)
        {
            parent = Next(parent, diffId);
            chain.Add(parent.Value);
        }
        return chain;
    }
}
