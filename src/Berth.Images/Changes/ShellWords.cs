using System.Text;
using System.Text.Json;

namespace Berth.Images.Changes;

/// <summary>
/// The Dockerfile word rules a change line needs (BuildKit's parser and shell lexer): splitting on unquoted
/// whitespace, quote removal with backslash escapes, <c>$VAR</c>/<c>${VAR}</c> expansion from the image's
/// environment, and the JSON form of exec-style arguments.
/// </summary>
internal static class ShellWords
{
    /// <summary>Splits on whitespace outside quotes; quotes and escapes stay in the words for <see cref="Process"/>.</summary>
    public static List<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        char quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote == '\0' && char.IsWhiteSpace(c))
            {
                if (word.Length > 0) words.Add(word.ToString());
                word.Clear();
                continue;
            }
            word.Append(c);
            if (c == '\\' && quote != '\'' && i + 1 < line.Length) word.Append(line[++i]);
            else if (quote == '\0' && c is '"' or '\'') quote = c;
            else if (c == quote) quote = '\0';
        }
        if (quote != '\0') throw new FormatException($"unexpected end of statement while looking for matching {quote}");
        if (word.Length > 0) words.Add(word.ToString());
        return words;
    }

    /// <summary>Removes quotes and escapes and expands variables, as the shell lexer's ProcessWord does.</summary>
    public static string Process(string word, IReadOnlyDictionary<string, string> env)
    {
        var result = new StringBuilder();
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            switch (c)
            {
                case '\'':
                    var end = word.IndexOf('\'', i + 1);
                    if (end < 0) throw new FormatException("unexpected end of statement while looking for matching '");
                    result.Append(word, i + 1, end - i - 1);
                    i = end;
                    break;
                case '"':
                    for (i++; i < word.Length && word[i] != '"'; i++)
                    {
                        if (word[i] == '\\' && i + 1 < word.Length && word[i + 1] is '"' or '\\' or '$') result.Append(word[++i]);
                        else if (word[i] == '$') i = Expand(word, i, env, result);
                        else result.Append(word[i]);
                    }
                    if (i >= word.Length) throw new FormatException("unexpected end of statement while looking for matching \"");
                    break;
                case '\\':
                    if (i + 1 < word.Length) result.Append(word[++i]);
                    break;
                case '$':
                    i = Expand(word, i, env, result);
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }
        return result.ToString();
    }

    // Handles $NAME, ${NAME}, ${NAME:-word} and ${NAME:+word}; returns the index of the last character consumed.
    private static int Expand(string word, int at, IReadOnlyDictionary<string, string> env, StringBuilder result)
    {
        var i = at + 1;
        if (i < word.Length && word[i] == '{')
        {
            var close = word.IndexOf('}', i);
            if (close < 0) throw new FormatException("missing '}' in variable substitution");
            var body = word[(i + 1)..close];
            var colon = body.IndexOf(':');
            var name = colon < 0 ? body : body[..colon];
            var value = env.GetValueOrDefault(name);
            if (colon >= 0 && colon + 1 < body.Length)
            {
                var alternative = Process(body[(colon + 2)..], env);
                value = body[colon + 1] switch
                {
                    '-' => string.IsNullOrEmpty(value) ? alternative : value,
                    '+' => string.IsNullOrEmpty(value) ? "" : alternative,
                    var m => throw new FormatException($"unsupported modifier ({m}) in substitution"),
                };
            }
            result.Append(value);
            return close;
        }
        var start = i;
        while (i < word.Length && (char.IsAsciiLetterOrDigit(word[i]) || word[i] == '_')) i++;
        if (i == start)
        {
            result.Append('$');
            return at;
        }
        result.Append(env.GetValueOrDefault(word[start..i]));
        return i - 1;
    }

    /// <summary>The exec (JSON array of strings) form; false for anything else, which then is shell form.</summary>
    public static bool TryParseJsonArray(string text, out List<string> values)
    {
        values = [];
        if (!text.TrimStart().StartsWith('[')) return false;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String) return false;
                values.Add(reader.GetString()!);
            }
            return reader.TokenType == JsonTokenType.EndArray && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
