using System.Text;

namespace Berth.Oci.Tests;

public sealed class DigestTests
{
    private const string EmptySha256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Fact]
    public void Compute_Empty_IsTheWellKnownDigest()
    {
        var digest = Digest.Compute([]);
        Assert.Equal(EmptySha256, digest.ToString());
        Assert.Equal("sha256", digest.Algorithm);
        Assert.Equal("e3b0c44298fc", digest.Short);
        Assert.False(digest.IsEmpty);
    }

    [Fact]
    public async Task ComputeAsync_MatchesCompute()
    {
        var bytes = Encoding.UTF8.GetBytes("hello berth");
        Assert.Equal(Digest.Compute(bytes), await Digest.ComputeAsync(new MemoryStream(bytes), CancellationToken.None));
    }

    [Fact]
    public void Default_IsEmptyAndPrintsNothing()
    {
        Assert.True(default(Digest).IsEmpty);
        Assert.Equal("", default(Digest).ToString());
    }

    [Theory]
    [InlineData(EmptySha256)]
    [InlineData("sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")]
    public void TryParse_Valid_Succeeds(string text)
    {
        Assert.True(Digest.TryParse(text, out var digest));
        Assert.Equal(text, digest.ToString());
        Assert.Equal(digest, Digest.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(":")]
    [InlineData("sha256")]
    [InlineData("sha256:")]
    [InlineData(":e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555")]
    [InlineData("sha256:g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha384:38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b")]
    [InlineData("SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData(" sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 ")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8:5")]
    public void TryParse_Invalid_Fails(string? text)
    {
        Assert.False(Digest.TryParse(text, out var digest));
        Assert.True(digest.IsEmpty);
        if (text is not null) Assert.Throws<FormatException>(() => Digest.Parse(text));
    }
}
