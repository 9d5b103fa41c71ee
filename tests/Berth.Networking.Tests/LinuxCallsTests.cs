using Berth.Linux;

namespace Berth.Networking.Tests;

/// <summary>The Berth.Linux wrappers the network path leans on, checked against the kernel.</summary>
public sealed class LinuxCallsTests
{
    [Fact]
    public void SecureRandom_HexString_IsLowerHexOfTheLengthAsked_AndNeverRepeats()
    {
        var first = SecureRandom.HexString(32);
        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.NotEqual(first, SecureRandom.HexString(32));
        Assert.Equal(1024, SecureRandom.HexString(512).Length);
    }

    [Fact]
    public void SecureRandom_Fill_CoversTheWholeBuffer()
    {
        // A zero run of 64 bytes at either end would be astronomically unlikely from a working generator.
        var buffer = new byte[4096];
        SecureRandom.Fill(buffer);
        Assert.True(buffer.AsSpan(0, 64).IndexOfAnyExcept((byte)0) >= 0);
        Assert.True(buffer.AsSpan(4032).IndexOfAnyExcept((byte)0) >= 0);
        SecureRandom.Fill([]);
    }

    [Fact]
    public void NetworkNamespace_Open_MissingPath_NamesIt()
    {
        var error = Assert.Throws<LinuxIOException>(() => NetworkNamespace.Open("/nonexistent/berth-netns"));
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Contains("/nonexistent/berth-netns", error.Message);
    }
}
