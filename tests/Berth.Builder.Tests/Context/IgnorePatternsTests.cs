using Berth.Builder.Context;
using Berth.Oci;

namespace Berth.Builder.Tests.Context;

public sealed class IgnorePatternsTests
{
    [Theory]
    // Docker's documented .dockerignore example.
    [InlineData("*/temp*", "somedir/temporary.txt", true)]
    [InlineData("*/temp*", "somedir/temp", true)]
    [InlineData("*/temp*", "temp.txt", false)]
    [InlineData("*/temp*", "a/b/temp.txt", false)]
    [InlineData("*/*/temp*", "somedir/subdir/temporary.txt", true)]
    [InlineData("*/*/temp*", "somedir/temporary.txt", false)]
    [InlineData("temp?", "tempa", true)]
    [InlineData("temp?", "temp", false)]
    [InlineData("temp?", "tempab", false)]
    [InlineData("**/*.go", "main.go", true)]
    [InlineData("**/*.go", "cmd/tool/main.go", true)]
    [InlineData("**/*.go", "main.goo", false)]
    // Exact names match at the root only, and exclude everything below a matching directory.
    [InlineData("node_modules", "node_modules", true)]
    [InlineData("node_modules", "node_modules/x/y.js", true)]
    [InlineData("node_modules", "web/node_modules/y.js", false)]
    [InlineData("/node_modules", "node_modules/a", true)]
    [InlineData("./node_modules", "node_modules/a", true)]
    [InlineData("a/../b", "b", true)]
    [InlineData("a/../b", "a/b", false)]
    [InlineData("dir/", "dir/file", true)]
    // "**" prefix, suffix and middle forms of patternmatcher.
    [InlineData("**/foo", "foo", true)]
    [InlineData("**/foo", "a/b/foo", true)]
    [InlineData("**/foo", "xfoo", false)]
    [InlineData("foo/**", "foo/a/b", true)]
    [InlineData("foo/**", "foobar", false)]
    [InlineData("a/**/b", "a/b", true)]
    [InlineData("a/**/b", "a/x/y/b", true)]
    [InlineData("a/**/b", "a/x/y/c", false)]
    [InlineData("**", "anything/at/all", true)]
    // Character classes, escapes and characters special only to regular expressions.
    [InlineData("[abc].txt", "b.txt", true)]
    [InlineData("[abc].txt", "d.txt", false)]
    [InlineData("[^abc].txt", "d.txt", true)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("file.txt", "fileXtxt", false)]
    [InlineData("a+b(c)", "a+b(c)", true)]
    [InlineData("\\*.txt", "*.txt", true)]
    [InlineData("\\*.txt", "a.txt", false)]
    [InlineData("*", "a/b", true)]
    public void IsExcluded_OnePattern_MatchesAsPatternmatcher(string pattern, string path, bool excluded)
    {
        Assert.Equal(excluded, IgnorePatterns.Parse(pattern).IsExcluded(path));
    }

    [Theory]
    [InlineData("*.md\n!README.md", "README.md", false)]
    [InlineData("*.md\n!README.md", "CHANGES.md", true)]
    // Docker's example: the last matching line wins.
    [InlineData("*.md\n!README*.md\nREADME-secret.md", "README-secret.md", true)]
    [InlineData("*.md\n!README*.md\nREADME-secret.md", "README-public.md", false)]
    [InlineData("*.md\nREADME-secret.md\n!README*.md", "README-secret.md", false)]
    // An exception re-includes a file under an excluded directory; its siblings stay excluded.
    [InlineData("docs\n!docs/keep.txt", "docs/keep.txt", false)]
    [InlineData("docs\n!docs/keep.txt", "docs/other.txt", true)]
    [InlineData("docs\n!docs/keep.txt", "docs", true)]
    [InlineData("*\n!src", "src/a/b.cs", false)]
    [InlineData("*\n!src", "bin/app", true)]
    [InlineData("**/*.log\n!important/*.log", "important/a.log", false)]
    [InlineData("**/*.log\n!important/*.log", "x/important/a.log", true)]
    public void IsExcluded_SeveralPatterns_LastMatchWins(string text, string path, bool excluded)
    {
        Assert.Equal(excluded, IgnorePatterns.Parse(text).IsExcluded(path));
    }

    [Fact]
    public void Parse_CommentsBlankLinesBomAndSpaces_AreHandledAsTheIgnorefileReader()
    {
        var patterns = IgnorePatterns.Parse("\uFEFF# comment\r\n\n   \n  spaced.txt  \r\n #notacomment\n! keep\n/abs/path\n");
        Assert.Equal(["spaced.txt", "#notacomment", "!keep", "abs/path"], patterns.Patterns);
        Assert.True(patterns.IsExcluded("spaced.txt"));
        Assert.True(patterns.IsExcluded("#notacomment"));
        Assert.False(patterns.IsExcluded("comment"));
        Assert.True(patterns.HasExceptions);
    }

    [Fact]
    public void IsExcluded_TheRootItself_IsNeverExcluded()
    {
        var patterns = IgnorePatterns.Parse("*\n.\n**");
        Assert.False(patterns.IsExcluded("."));
        Assert.False(patterns.IsExcluded(""));
        Assert.True(patterns.IsExcluded("x"));
    }

    [Fact]
    public void Empty_ExcludesNothing()
    {
        Assert.False(IgnorePatterns.Empty.IsExcluded("a/b"));
        Assert.True(IgnorePatterns.Empty.IsEmpty);
        Assert.True(IgnorePatterns.Parse("# only a comment\n\n").IsEmpty);
    }

    [Fact]
    public void Parse_LoneExclamationMark_FailsWithDockersMessage()
    {
        var error = Assert.Throws<BerthException>(() => IgnorePatterns.Parse("a\n!\n"));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("illegal exclusion pattern: \"!\"", error.Message);
    }

    [Theory]
    [InlineData("[")]
    [InlineData("a[")]
    [InlineData("[]a]")]
    [InlineData("[a-]")]
    [InlineData("abc\\")]
    [InlineData("*.txt\nok\n[z-")]
    public void Parse_MalformedPattern_FailsWithGoSyntaxError(string text)
    {
        var error = Assert.Throws<BerthException>(() => IgnorePatterns.Parse(text));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.StartsWith("syntax error in pattern", error.Message);
    }
}
