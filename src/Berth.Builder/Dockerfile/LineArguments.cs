using System.Text;
using System.Text.Json;
using Berth.Oci;

namespace Berth.Builder.Dockerfile;

/// <summary>
/// BuildKit's per-keyword argument rules (parser/line_parsers.go): which keywords take JSON or shell form,
/// which split on whitespace, ENV/LABEL pairs, and the quote-aware word splitter that keeps quotes for the lexer.
/// </summary>
internal static class LineArguments
{
    public readonly record struct Parsed(IReadOnlyList<string> Args, bool Json);

    public static Parsed ForKeyword(string keyword, string rest, char escape) => keyword switch
    {
        "add" or "copy" or "volume" => MaybeJsonToList(rest),
        "arg" => new(Words(rest, escape), false),
        "cmd" or "entrypoint" or "run" or "shell" => MaybeJson(rest),
        "env" => new(NameValues(rest, "ENV", escape), false),
        "label" => new(NameValues(rest, "LABEL", escape), false),
        "expose" or "from" => new(WhitespaceDelimited(rest), false),
        "healthcheck" => HealthConfig(rest),
        "maintainer" or "stopsignal" or "user" or "workdir" => new(rest.Length == 0 ? [] : [rest], false),
        _ => new([], false),
    };

    /// <summary>Splits on whitespace outside quotes, keeping quotes and escapes (parseWords).</summary>
    public static List<string> Words(string rest, char escape)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        var inWord = false;
        var quote = '\0';
        var blankOk = false;
        for (var pos = 0; pos < rest.Length; pos++)
        {
            var ch = rest[pos];
            if (!inWord && quote == '\0')
            {
                if (char.IsWhiteSpace(ch)) continue;
                inWord = true;
            }
            if (quote == '\0')
            {
                if (char.IsWhiteSpace(ch))
                {
                    if (blankOk || sb.Length > 0) words.Add(sb.ToString());
                    sb.Clear();
                    blankOk = false;
                    inWord = false;
                    continue;
                }
                if (ch is '\'' or '"')
                {
                    quote = ch;
                    blankOk = true;
                }
                if (ch == escape)
                {
                    if (pos + 1 == rest.Length) continue;
                    sb.Append(ch);
                    ch = rest[++pos];
                }
                sb.Append(ch);
                continue;
            }
            if (ch == quote) quote = '\0';
            // The escape character escapes nothing inside single quotes.
            if (ch == escape && quote != '\'')
            {
                if (pos + 1 == rest.Length)
                {
                    quote = '\0';
                    continue;
                }
                sb.Append(ch);
                ch = rest[++pos];
            }
            sb.Append(ch);
        }
        if (inWord && (blankOk || sb.Length > 0)) words.Add(sb.ToString());
        return words;
    }

    // ENV and LABEL: `KEY name value` (legacy, when the first word has no =) or `KEY a=b c=d`.
    private static List<string> NameValues(string rest, string key, char escape)
    {
        var words = Words(rest, escape);
        if (words.Count == 0) return [];
        if (!words[0].Contains('='))
        {
            var parts = SplitWhitespace(rest, 2);
            if (parts.Count < 2) throw BerthException.Invalid($"{key} must have two arguments");
            return [parts[0], parts[1], ""];
        }
        var args = new List<string>();
        foreach (var word in words)
        {
            var eq = word.IndexOf('=');
            if (eq < 0) throw BerthException.Invalid($"Syntax error - can't find = in {GoText.Quote(word)}. Must be of the form: name=value");
            args.AddRange([word[..eq], word[(eq + 1)..], "="]);
        }
        return args;
    }

    public static List<string> WhitespaceDelimited(string rest) => rest.Length == 0 ? [] : SplitWhitespace(rest, -1);

    /// <summary>Go's regexp <c>[\t\v\f\r ]+</c> Split with a count limit (-1: no limit).</summary>
    public static List<string> SplitWhitespace(string s, int limit)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (limit > 0 && parts.Count == limit - 1) break;
            if (!IsSeparator(s[i])) continue;
            var end = i;
            while (i < s.Length && IsSeparator(s[i])) i++;
            parts.Add(s[start..end]);
            start = i;
            i--;
        }
        parts.Add(s[start..]);
        return parts;
    }

    public static bool IsSeparator(char c) => c is '\t' or '\v' or '\f' or '\r' or ' ';

    private static Parsed MaybeJson(string rest)
    {
        if (rest.Length == 0) return new([], false);
        return TryJson(rest, out var words) ? new(words, true) : new([rest], false);
    }

    private static Parsed MaybeJsonToList(string rest) =>
        TryJson(rest, out var words) ? new(words, true) : new(WhitespaceDelimited(rest), false);

    private static Parsed HealthConfig(string rest)
    {
        var sep = 0;
        while (sep < rest.Length && !char.IsWhiteSpace(rest[sep])) sep++;
        var next = sep;
        while (next < rest.Length && char.IsWhiteSpace(rest[next])) next++;
        if (sep == 0) return new([], false);
        var command = MaybeJson(rest[next..]);
        return new([rest[..sep], .. command.Args], command.Json);
    }

    // Go's decoder turns an unpaired surrogate escape (\uD800) into U+FFFD where .NET refuses to decode it.
    private static string JsonString(JsonElement item)
    {
        try
        {
            return item.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var raw = item.GetRawText();
            var sb = new StringBuilder();
            for (var i = 1; i < raw.Length - 1; i++)
            {
                if (raw[i] != '\\')
                {
                    sb.Append(raw[i]);
                    continue;
                }
                var e = raw[++i];
                if (e != 'u')
                {
                    sb.Append(e switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => e });
                    continue;
                }
                sb.Append((char)Convert.ToInt32(raw.Substring(i + 1, 4), 16));
                i += 4;
            }
            var text = sb.ToString();
            var fixedText = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) fixedText.Append(text, i++, 2);
                else fixedText.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
            return fixedText.ToString();
        }
    }

    /// <summary>
    /// The exec form: a JSON array of strings. Anything that is not a JSON array falls back to the shell form;
    /// an array holding something other than strings is an error, as in BuildKit.
    /// </summary>
    private static bool TryJson(string rest, out List<string> words)
    {
        words = [];
        rest = rest.TrimStart();
        if (!rest.StartsWith('[')) return false;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(rest);
        }
        catch (JsonException)
        {
            return false;
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return false;
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                    throw BerthException.Invalid("when using JSON array syntax, arrays must be comprised of strings only");
                words.Add(JsonString(item));
            }
        }
        return true;
    }
}
