using System.Security.Cryptography;
using System.Text;
using Berth.Engine.Images;
using Berth.Oci;

namespace Berth.Engine.Tests.Images;

/// <summary>OCI image-spec config.md "Layer ChainID": ChainID(L0) = DiffID(L0), ChainID(L0|..|Ln) = Digest(ChainID(L0|..|Ln-1) + " " + DiffID(Ln)).</summary>
public sealed class ChainIdsTests
{
    private static readonly Digest A = Digest.Compute("a"u8);
    private static readonly Digest B = Digest.Compute("b"u8);
    private static readonly Digest C = Digest.Compute("c"u8);

    private static Digest Sha256Of(string text) => Digest.FromSha256Hash(SHA256.HashData(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Of_Empty_IsEmpty() => Assert.Empty(ChainIds.Of([]));

    [Fact]
    public void Of_OneLayer_IsItsDiffId() => Assert.Equal([A], ChainIds.Of([A]));

    [Fact]
    public void Of_TwoLayers_HashesParentSpaceDiffId()
    {
        var chain = ChainIds.Of([A, B]);
        Assert.Equal(A, chain[0]);
        Assert.Equal(Sha256Of($"{A} {B}"), chain[1]);
    }

    [Fact]
    public void Of_ThreeLayers_Chains()
    {
        var chain = ChainIds.Of([A, B, C]);
        Assert.Equal(Sha256Of($"{Sha256Of($"{A} {B}")} {C}"), chain[2]);
        Assert.Equal(chain[2], ChainIds.Next(chain[1], C));
    }

    [Fact]
    public void Of_KnownVector_FromTheSpecDiffIds()
    {
        // Two layer diffIDs as strings; the expected value is sha256 of "<diffID0> <diffID1>" computed independently.
        var d0 = Digest.Parse("sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4");
        var d1 = Digest.Parse("sha256:3c3a4604a545cdc127456d94e421cd355bca5b528f4a9c1905b15da2eb4a4c6b");
        var expected = Convert.ToHexStringLower(SHA256.HashData(
            "sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4 sha256:3c3a4604a545cdc127456d94e421cd355bca5b528f4a9c1905b15da2eb4a4c6b"u8));
        Assert.Equal("sha256:" + expected, ChainIds.Of([d0, d1])[1].ToString());
    }

    [Fact]
    public void Next_WithoutParent_IsTheDiffId() => Assert.Equal(B, ChainIds.Next(null, B));
}
