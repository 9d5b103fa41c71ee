using Berth.Builder.Planning;
using Berth.Oci;

namespace Berth.Builder.Tests.Planning;

public sealed class CacheKeyTests
{
    private static readonly Digest Parent = Digest.Compute("parent"u8);

    [Fact]
    public void The_key_depends_on_the_parent_and_every_part()
    {
        var key = CacheKey.Next(Parent, "RUN", "echo hi");
        Assert.Equal(key, CacheKey.Next(Parent, "RUN", "echo hi"));
        Assert.NotEqual(key, CacheKey.Next(Digest.Compute("other"u8), "RUN", "echo hi"));
        Assert.NotEqual(key, CacheKey.Next(Parent, "RUN", "echo ho"));
    }

    [Fact]
    public void Parts_are_delimited_so_moving_text_between_them_changes_the_key()
    {
        Assert.NotEqual(CacheKey.Next(Parent, "ab", "c"), CacheKey.Next(Parent, "a", "bc"));
        Assert.NotEqual(CacheKey.Next(Parent, "a"), CacheKey.Next(Parent, "a", ""));
    }
}
