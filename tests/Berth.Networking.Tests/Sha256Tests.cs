using System.Security.Cryptography;
using System.Text;

namespace Berth.Networking.Tests;

public sealed class Sha256Tests
{
    [Fact]
    public void HashData_MatchesTheFrameworkAtEveryPaddingBoundary()
    {
        var random = new Random(20261127);
        // 55, 56 and 64 bytes are where the length no longer fits the last block; 0 is the empty message.
        foreach (var length in new[] { 0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000 })
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(SHA256.HashData(data), Sha256.HashData(data));
        }
    }

    [Fact]
    public void HashData_KnownVector() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            Convert.ToHexStringLower(Sha256.HashData(Encoding.ASCII.GetBytes("abc"))));

    [Fact]
    public void HostNames_KeepTheirNames()
    {
        // Names already on hosts must not change: an nft table under a new name would leave the old one applied.
        var root = "/var/lib/berth-test-root";
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root)));
        Assert.Equal("berth_" + expected[..10], HostNames.NftTable(root));
        Assert.Equal("berth" + expected[..8], HostNames.DefaultBridgeFor(root, isDefaultRoot: false));
    }
}
