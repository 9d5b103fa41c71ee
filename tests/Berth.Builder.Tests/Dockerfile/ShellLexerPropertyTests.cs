using Berth.Builder.Dockerfile;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Berth.Builder.Tests.Dockerfile;

public sealed class ShellLexerPropertyTests
{
    private static readonly Dictionary<string, string> Env = new() { ["A"] = "x y", ["B"] = "" };

    private static bool IsPlain(char c) => c is not ('$' or '\'' or '"' or '\\' or '`');

    [Property]
    public bool Word_WithoutSpecialCharacters_IsUnchanged(NonNull<string> input)
    {
        var word = new string(input.Get.Where(IsPlain).ToArray());
        return new ShellLexer().ProcessWord(word, Env) == word;
    }

    [Property]
    public bool SingleQuoted_Text_RoundTrips(NonNull<string> input)
    {
        var text = input.Get.Replace("'", "");
        return new ShellLexer().ProcessWord("'" + text + "'", Env) == text;
    }

    [Property]
    public bool DoubleQuoted_Text_WithEscapes_RoundTrips(NonNull<string> input)
    {
        var text = input.Get;
        var quoted = "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("$", "\\$") + "\"";
        return new ShellLexer().ProcessWord(quoted, Env) == text;
    }

    [Property]
    public bool EscapedCharacters_ComeOutLiteral(NonNull<string> input)
    {
        var text = input.Get;
        var escaped = string.Concat(text.Select(c => "\\" + c));
        return new ShellLexer().ProcessWord(escaped, Env) == text;
    }

    [Property]
    public Property ProcessWords_OfSpaceJoinedSimpleWords_ReturnsThem()
    {
        var simpleWord = Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-_./:=@%+,".ToCharArray())
            .NonEmptyListOf().Select(cs => new string(cs.ToArray()));
        return Prop.ForAll(simpleWord.NonEmptyListOf().ToArbitrary(), words =>
        {
            var list = words.ToList();
            return new ShellLexer().ProcessWords(string.Join("  ", list), Env).SequenceEqual(list);
        });
    }

    [Property]
    public bool Variable_ExpandsToItsValue(NonNull<string> value)
    {
        var env = new Dictionary<string, string> { ["V"] = value.Get };
        var lexer = new ShellLexer();
        return lexer.ProcessWord("${V}", env) == value.Get && lexer.ProcessWord("\"$V\"", env) == value.Get
            && lexer.ProcessWord("${V:-other}", env) == (value.Get.Length == 0 ? "other" : value.Get);
    }

    [Property]
    public bool BacktickLexer_LeavesBackslashesAlone(NonNull<string> input)
    {
        var word = new string(input.Get.Where(c => c is not ('$' or '\'' or '"' or '`')).ToArray());
        return new ShellLexer('`').ProcessWord(word, Env) == word;
    }
}
