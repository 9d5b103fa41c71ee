using Berth.Builder.Context;

namespace Berth.Builder.Tests.Context;

public sealed class GoPathMatchTests
{
    // Rows from Go's filepath.Match table.
    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("*", "abc", true)]
    [InlineData("*c", "abc", true)]
    [InlineData("a*", "a", true)]
    [InlineData("a*", "abc", true)]
    [InlineData("a*", "ab/c", false)]
    [InlineData("a*/b", "abc/b", true)]
    [InlineData("a*/b", "a/c/b", false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxe/f", true)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false)]
    [InlineData("ab[c]", "abc", true)]
    [InlineData("ab[b-d]", "abc", true)]
    [InlineData("ab[e-g]", "abc", false)]
    [InlineData("ab[^c]", "abc", false)]
    [InlineData("ab[^e-g]", "abc", true)]
    [InlineData("a\\*b", "a*b", true)]
    [InlineData("a\\*b", "ab", false)]
    [InlineData("a?b", "a☺b", true)]
    [InlineData("a?b", "a/b", false)]
    [InlineData("[\\]a]", "]", true)]
    [InlineData("[\\-]", "-", true)]
    [InlineData("[x\\-]", "z", false)]
    [InlineData("*x", "xxx", true)]
    public void Match_GoTable_SameAnswer(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, GoPathMatch.Match(pattern, name));
    }

    [Theory]
    [InlineData("[]a]")]
    [InlineData("[-]")]
    [InlineData("[x-]")]
    [InlineData("[a-b-c]")]
    [InlineData("[")]
    [InlineData("[^")]
    [InlineData("[^bc")]
    [InlineData("a[")]
    [InlineData("ab\\")]
    [InlineData("*x\\")]
    [InlineData("a*[")]
    public void IsValid_MalformedPattern_False(string pattern)
    {
        Assert.False(GoPathMatch.IsValid(pattern));
    }

    [Theory]
    [InlineData("*.txt", true)]
    [InlineData("a?", true)]
    [InlineData("[ab]", true)]
    [InlineData("plain/path.txt", false)]
    [InlineData("escaped\\*star", false)]
    public void ContainsWildcards_UnescapedMetacharacters(string name, bool expected)
    {
        Assert.Equal(expected, GoPathMatch.ContainsWildcards(name));
    }
}
