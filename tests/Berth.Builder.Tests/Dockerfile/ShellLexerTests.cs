using Berth.Builder.Dockerfile;
using Berth.Oci;

namespace Berth.Builder.Tests.Dockerfile;

public sealed class ShellLexerTests
{
    private static readonly Dictionary<string, string> Env = new()
    {
        ["PWD"] = "/home",
        ["SHELL"] = "bash",
        ["KOREAN"] = "한국어",
        ["NULL"] = "",
    };

    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("he'll'o", "hello")]
    [InlineData(@"he\'llo", "he'llo")]
    [InlineData(@"abc\tdef", "abctdef")]
    [InlineData(@"""abc\tdef""", @"abc\tdef")]
    [InlineData(@"""abc\\tdef""", @"abc\tdef")]
    [InlineData(@"'abc\tdef'", @"abc\tdef")]
    [InlineData(@"hello\", "hello")]
    [InlineData(@"hello\\", @"hello\")]
    [InlineData(@"""hel'lo""", "hel'lo")]
    [InlineData(@"'hello\'", @"hello\")]
    [InlineData(@"'hello\\there'", @"hello\\there")]
    [InlineData(@"""''""", "''")]
    [InlineData("$.", "$.")]
    [InlineData("he$1x", "hex")]
    [InlineData("he$.x", "he$.x")]
    [InlineData("he$pwd.", "he.")]
    [InlineData("he$PWD", "he/home")]
    [InlineData(@"he\$PWD", "he$PWD")]
    [InlineData(@"he\\$PWD", @"he\/home")]
    [InlineData(@"""he\$PWD""", "he$PWD")]
    [InlineData(@"""he\\$PWD""", @"he\/home")]
    [InlineData(@"\${}", "${}")]
    [InlineData(@"he\${}xx", "he${}xx")]
    [InlineData("he${hi}xx", "hexx")]
    [InlineData("he${PWD}", "he/home")]
    [InlineData("he${XXX:-000}xx", "he000xx")]
    [InlineData("he${PWD:-000}xx", "he/homexx")]
    [InlineData("he${XXX:-$PWD}xx", "he/homexx")]
    [InlineData("he${XXX:-${PWD:-yyy}}xx", "he/homexx")]
    [InlineData("he${XXX:-${YYY:-yyy}}xx", "heyyyxx")]
    [InlineData("he${PWD?}", "he/home")]
    [InlineData("he${PWD:?}", "he/home")]
    [InlineData("he${NULL?}", "he")]
    [InlineData("he${XXX:+${PWD}}xx", "hexx")]
    [InlineData("he${PWD:+${SHELL}}xx", "hebashxx")]
    [InlineData("he${PWD:+000}xx", "he000xx")]
    [InlineData("'he${XX}'", "he${XX}")]
    [InlineData(@"""he'$PWD'""", "he'/home'")]
    [InlineData("'$PWD'", "$PWD")]
    [InlineData(@"'\$PWD'", @"\$PWD")]
    [InlineData("he${PWD:+${PWD}:}xx", "he/home:xx")]
    [InlineData(@"he${XXX:-\$PWD:}xx", "he$PWD:xx")]
    [InlineData(@"he${XXX:-\${PWD}z}xx", "he${PWDz}xx")]
    [InlineData("안'녕'하세요", "안녕하세요")]
    [InlineData("안녕$KOREAN", "안녕한국어")]
    [InlineData("${aaa}}", "}")]
    [InlineData("${aaa:-bbb}}", "bbb}")]
    [InlineData("${aaa:-bbb {foo}", "bbb {foo")]
    [InlineData("${1:-bbb}", "bbb")]
    [InlineData("$999aaa", "aaa")]
    [InlineData("${001:-bbb}aaa", "bbbaaa")]
    [InlineData("$@@@", "@@")]
    [InlineData("${@:-bbb}aaa", "bbbaaa")]
    [InlineData("$$", "")]
    [InlineData("${!:+bbb}", "")]
    [InlineData("a < b << c", "a < b << c")]
    public void ProcessWord_BuildKitCases_Match(string input, string expected)
    {
        Assert.Equal(expected, new ShellLexer().ProcessWord(input, Env));
    }

    [Theory]
    [InlineData("he'llo", "unexpected end of statement while looking for matching single-quote")]
    [InlineData(@"he\\'llo", "unexpected end of statement while looking for matching single-quote")]
    [InlineData(@"""hello\""", "unexpected end of statement while looking for matching double-quote")]
    [InlineData("${}", "syntax error: bad substitution")]
    [InlineData("he${.}", "unsupported modifier (.) in substitution")]
    [InlineData("he${XXX:YYY}", "unsupported modifier (:Y) in substitution")]
    [InlineData("he${PWD:=000}xx", "unsupported modifier (:=) in substitution")]
    [InlineData("he${XXX?}", "XXX: is not allowed to be unset")]
    [InlineData("he${XXX:?}", "XXX: is not allowed to be unset")]
    [InlineData("he${NULL:?}", "NULL: is not allowed to be empty")]
    [InlineData("${NULL:?must be set}", "NULL: must be set")]
    [InlineData("${{aaa}", "syntax error: bad substitution")]
    [InlineData("${aaa", "unsupported modifier (\uFFFD) in substitution")]
    [InlineData("${aaa:-bbb", "syntax error: missing '}'")]
    [InlineData("${aaa:-bbb ${foo}", "syntax error: missing '}'")]
    [InlineData("${:}", "syntax error: bad substitution")]
    [InlineData("${", "syntax error: missing '}'")]
    [InlineData("${FOO:#x}", "unsupported modifier (:#) in substitution")]
    [InlineData("${FOO:%%x}", "unsupported modifier (:%) in substitution")]
    [InlineData("${FOO/x", "syntax error: missing '/' in ${}")]
    [InlineData("${FOO/x/y", "syntax error: missing '}'")]
    public void ProcessWord_BadInput_ThrowsBuildKitMessage(string input, string reason)
    {
        var e = Assert.Throws<BerthException>(() => new ShellLexer().ProcessWord(input, Env));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal($"failed to process \"{input.Replace("\\", "\\\\").Replace("\"", "\\\"")}\": {reason}", e.Message);
    }

    [Theory]
    [InlineData("${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", "xxx  ccc")]
    [InlineData("${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", "xxx bbb ccc")]
    [InlineData("${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", "aaa bbb ")]
    [InlineData("${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", "aaa  ")]
    [InlineData("${FOO?aaa}", "xxx")]
    [InlineData("${BAR?bbb}", "")]
    public void Modifiers_DistinguishUnsetFromEmpty(string input, string expected)
    {
        var env = new Dictionary<string, string> { ["FOO"] = "xxx", ["BAR"] = "" };
        Assert.Equal(expected, new ShellLexer().ProcessWord(input, env));
    }

    [Theory]
    [InlineData(@"${FOO#()[]{\}^$.\*\?|\\}", @"()[]{}^$.*?|\x", "x")]
    [InlineData(@"${FOO%%\**}", "xx**", "xx")]
    [InlineData("${FOO#*x*y}", "xxyy", "y")]
    [InlineData("${FOO#*}", "xxyy", "xxyy")]
    [InlineData("${FOO#}", "xxyy", "xxyy")]
    [InlineData("${FOO##*x}", "xxyy", "yy")]
    [InlineData(@"${FOO#?\?}", "???y", "?y")]
    [InlineData("${FOO%y*}", "xxyy", "xxy")]
    [InlineData("${FOO%%y*}", "xxyy", "xx")]
    [InlineData(@"${FOO%%\**\*}", "a***yy*", "a")]
    [InlineData("${FOO%.*}", "archive.tar.gz", "archive.tar")]
    [InlineData("${FOO%%.*}", "archive.tar.gz", "archive")]
    [InlineData("${FOO##*/}", "/usr/local/bin/tool", "tool")]
    [InlineData("${FOO#*/}", "/usr/local/bin/tool", "usr/local/bin/tool")]
    [InlineData("${FOO/o/0}", "foo boo", "f0o boo")]
    [InlineData("${FOO//o/0}", "foo boo", "f00 b00")]
    [InlineData("${FOO/?/X}", "abc", "Xbc")]
    [InlineData(@"${FOO//\//\/}", "/tmp/foo.txt", @"\/tmp\/foo.txt")]
    [InlineData("${FOO/x/y}", "abc", "abc")]
    [InlineData("${FOO/a*c/_}", "abcabc", "_")]
    [InlineData("${FOO%🖖*}", "👽🚀🖖x🖖y", "👽🚀🖖x")]
    [InlineData("${FOO%%🚀*}", "👽🚀🖖", "👽")]
    [InlineData("${FOO#?}", "🚀x", "x")]
    public void Patterns_TrimAndReplaceAsBuildKit(string input, string value, string expected)
    {
        var env = new Dictionary<string, string> { ["FOO"] = value };
        Assert.Equal(expected, new ShellLexer().ProcessWord(input, env));
    }

    [Fact]
    public void Patterns_FromVariables_AreWildcards()
    {
        var env = new Dictionary<string, string> { ["FOO"] = "/foo*/*/*.txt", ["NEEDLE"] = @"\*/" };
        Assert.Equal("/foo.*/*.txt - /foo..*.txt", new ShellLexer().ProcessWord("${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}", env));
        env = new() { ["FOO"] = "/a/foo/b/c.txt", ["NEEDLE"] = "/?/", ["REPLACEMENT"] = "/" };
        Assert.Equal("/foo/b/c.txt - /foo/c.txt", new ShellLexer().ProcessWord("${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}", env));
    }

    [Fact]
    public async Task Patterns_WithManyWildcards_RunInLinearTime()
    {
        // A backtracking matcher takes hours on this; RE2, and so BuildKit, takes milliseconds.
        var env = new Dictionary<string, string> { ["FOO"] = new string('a', 5000) };
        var pattern = string.Concat(Enumerable.Repeat("*a", 30)) + "*b";
        var work = Task.Run(() => (
            new ShellLexer().ProcessWord("${FOO%%" + pattern + "}", env),
            new ShellLexer().ProcessWord("${FOO//" + pattern + "/x}", env)));
        Assert.Equal((env["FOO"], env["FOO"]), await work.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Pattern_InvalidEscape_IsRejected()
    {
        var env = new Dictionary<string, string> { ["FOO"] = "abc" };
        var e = Assert.Throws<BerthException>(() => new ShellLexer().ProcessWord(@"${FOO#\a}", env));
        Assert.EndsWith(@"invalid pattern (\a) in substitution: invalid escape '\a'", e.Message);
    }

    [Theory]
    [InlineData("hello", new[] { "hello" })]
    [InlineData("hello${hi}bye", new[] { "hellobye" })]
    [InlineData("hello${space}bye", new[] { "helloabc", "defbye" })]
    [InlineData("hello\"${space}\"bye", new[] { "helloabc  defbye" })]
    [InlineData("hello \"${space}\"bye", new[] { "hello", "abc  defbye" })]
    [InlineData("hello${leading}def", new[] { "hello", "ab", "cdef" })]
    [InlineData("hello\"${leading}\" def", new[] { "hello  ab c", "def" })]
    [InlineData("hello${trailing}d", new[] { "helloab", "c", "d" })]
    [InlineData("hello\" there  \"", new[] { "hello there  " })]
    [InlineData("hello there     ", new[] { "hello", "there" })]
    [InlineData(@"hello\ there", new[] { "hello there" })]
    [InlineData(@"hello\"" there", new[] { "hello\"", "there" })]
    [InlineData(@"hello""\\there""", new[] { @"hello\there" })]
    [InlineData(@"hello'\\there'", new[] { @"hello\\there" })]
    [InlineData("hello'$there'", new[] { "hello$there" })]
    [InlineData("  ", new string[0])]
    public void ProcessWords_SplitsAfterExpansion(string input, string[] expected)
    {
        var env = new Dictionary<string, string> { ["space"] = "abc  def", ["leading"] = "  ab c", ["trailing"] = "ab c   " };
        Assert.Equal(expected, new ShellLexer().ProcessWords(input, env));
    }

    [Fact]
    public void ProcessWords_UnterminatedQuote_Throws()
    {
        Assert.Throws<BerthException>(() => new ShellLexer().ProcessWords("hello\" there", Env));
    }

    [Fact]
    public void BacktickEscape_ReplacesBackslash()
    {
        var lexer = new ShellLexer('`');
        Assert.Equal(@"C:\path\x", lexer.ProcessWord(@"C:\path\x", Env));
        Assert.Equal("$PWD", lexer.ProcessWord("`$PWD", Env));
        Assert.Equal("a\"b", lexer.ProcessWord("\"a`\"b\"", Env));
        Assert.Equal(@"a\b", lexer.ProcessWord("\"a\\b\"", Env));
    }

    [Fact]
    public void UsedNames_CollectsSetAndUnsetLookups()
    {
        var used = new HashSet<string>();
        new ShellLexer().ProcessWord("$PWD ${NOPE:-x} '$QUOTED' ${SHELL#b} \\$ESCAPED", Env, used);
        Assert.Equal(["NOPE", "PWD", "SHELL"], used.Order());
    }

    [Fact]
    public void ProcessWord_KeepsSpacesAndHeredocMarkers()
    {
        Assert.Equal("cat <<  EOF   x", new ShellLexer().ProcessWord("cat <<  EOF   x", Env));
        Assert.Equal(["cat", "<<  EOF", "x"], new ShellLexer().ProcessWords("cat <<  EOF x", Env));
    }
}
