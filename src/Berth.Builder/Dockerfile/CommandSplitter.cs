using System.Text;

namespace Berth.Builder.Dockerfile;

/// <summary>
/// Splits an instruction line into keyword, leading <c>--flags</c> and the rest (parser/split_command.go).
/// Flags end at the first word not starting with <c>--</c> or at a bare <c>--</c>; quotes in flag words are
/// removed and the escape character escapes the next character.
/// </summary>
internal static class CommandSplitter
{
    public static (string Command, List<string> Flags, string Arguments) Split(string line, char escape)
    {
        var parts = LineArguments.SplitWhitespace(line.Trim(), 2);
        if (parts.Count < 2) return (parts[0], [], "");
        var (rest, flags) = ExtractFlags(parts[1], escape);
        return (parts[0], flags, rest.Trim());
    }

    private static (string Remainder, List<string> Flags) ExtractFlags(string line, char escape)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        var inWord = false;
        var quote = '\0';
        var blankOk = false;
        for (var pos = 0; pos < line.Length; pos++)
        {
            var ch = line[pos];
            if (!inWord)
            {
                if (char.IsWhiteSpace(ch)) continue;
                if (ch != '-' || pos + 1 == line.Length || line[pos + 1] != '-') return (line[pos..], words);
                inWord = true;
            }
            if (quote == '\0')
            {
                if (char.IsWhiteSpace(ch))
                {
                    var word = sb.ToString();
                    if (word == "--") return (line[pos..], words);
                    if (blankOk || word.Length > 0) words.Add(word);
                    sb.Clear();
                    blankOk = false;
                    inWord = false;
                    continue;
                }
                if (ch is '\'' or '"')
                {
                    quote = ch;
                    blankOk = true;
                    continue;
                }
                if (ch == escape)
                {
                    if (pos + 1 == line.Length) continue;
                    ch = line[++pos];
                }
                sb.Append(ch);
                continue;
            }
            if (ch == quote)
            {
                quote = '\0';
                continue;
            }
            if (ch == escape)
            {
                if (pos + 1 == line.Length)
                {
                    quote = '\0';
                    continue;
                }
                ch = line[++pos];
            }
            sb.Append(ch);
        }
        if (inWord)
        {
            var last = sb.ToString();
            if (last != "--" && (blankOk || last.Length > 0)) words.Add(last);
        }
        return ("", words);
    }
}
