using Berth.Oci;

namespace Berth.Builder.Dockerfile;

internal sealed partial class SyntaxTree
{
    private static readonly IReadOnlyDictionary<string, string> NoEnv = new Dictionary<string, string>();

    // The whole line is lexed with quotes, escapes and unset variables kept, so each word is exactly as written
    // and `<<EOF` stands alone as a word; a line the lexer rejects simply has no heredocs.
    private static List<ParsedHeredoc> HeredocsFromLine(string line)
    {
        var lexer = new ShellLexer('\\') { RawQuotes = true, RawEscapes = true, SkipUnsetEnv = true };
        IReadOnlyList<string> words;
        try
        {
            words = lexer.ProcessWords(line, NoEnv);
        }
        catch (BerthException)
        {
            return [];
        }
        var docs = new List<ParsedHeredoc>();
        foreach (var word in words)
        {
            if (ParseHeredoc(word) is { } heredoc) docs.Add(heredoc);
        }
        return docs;
    }

    /// <summary>The heredoc a word like <c>&lt;&lt;-"EOF"</c> opens, or null when it opens none.</summary>
    public static ParsedHeredoc? ParseHeredoc(string word)
    {
        var match = HeredocRegex().Match(word);
        if (!match.Success) return null;
        var chomp = match.Groups[2].Value == "-";
        var rest = match.Groups[3].Value;
        if (rest.Length == 0) return null;

        // Lexing the delimiter with and without quote removal tells whether any part of it was quoted; a quoted
        // delimiter turns expansion of the body off, as in sh.
        var unquoted = new ShellLexer('\\') { SkipUnsetEnv = true }.ProcessWords(rest, NoEnv);
        if (unquoted.Count != 1) return null;
        var raw = new ShellLexer('\\') { SkipUnsetEnv = true, RawQuotes = true }.ProcessWords(rest, NoEnv);
        if (raw.Count != unquoted.Count)
            throw BerthException.Invalid($"internal lexing of heredoc produced inconsistent results: {rest}");
        var expand = CountQuotes(unquoted[0]) == CountQuotes(raw[0]);
        return new ParsedHeredoc(unquoted[0], "", expand, chomp);
    }

    /// <summary>ParseHeredoc that treats a delimiter the lexer rejects as no heredoc (BuildKit's MustParseHeredoc).</summary>
    public static ParsedHeredoc? TryParseHeredoc(string word)
    {
        try
        {
            return ParseHeredoc(word);
        }
        catch (BerthException)
        {
            return null;
        }
    }

    private static int CountQuotes(string s) => s.Count(c => c is '\'' or '"');
}
