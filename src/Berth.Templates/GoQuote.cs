using System.Globalization;
using System.Text;

namespace Berth.Templates;

/// <summary>
/// Go's strconv quoting rules (Quote, Unquote, %#U), used by parse errors, %q and literals, and by output
/// that docker prints with %q (the COMMAND column of ps).
/// </summary>
public static class GoQuote
{
    public static string Quote(string s) => Quote(s, '"');

    public static string Quote(string s, char quote)
    {
        var sb = new StringBuilder(s.Length + 2).Append(quote);
        foreach (var rune in EnumerateRunes(s))
        {
            AppendEscaped(sb, rune, quote);
        }
        return sb.Append(quote).ToString();
    }

    /// <summary>Enumerates code points; a lone surrogate reads as U+FFFD like invalid UTF-8 in Go.</summary>
    public static IEnumerable<Rune> EnumerateRunes(string s)
    {
        for (int i = 0; i < s.Length;)
        {
            if (Rune.DecodeFromUtf16(s.AsSpan(i), out var rune, out int used) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
                used = 1;
            }
            yield return rune;
            i += used;
        }
    }

    public static void AppendEscaped(StringBuilder sb, Rune r, char quote)
    {
        int v = r.Value;
        if (v == quote || v == '\\')
        {
            sb.Append('\\').Append((char)v);
            return;
        }
        if (IsPrint(r))
        {
            sb.Append(r.ToString());
            return;
        }
        switch (v)
        {
            case 7: sb.Append("\\a"); return;
            case 8: sb.Append("\\b"); return;
            case 12: sb.Append("\\f"); return;
            case 10: sb.Append("\\n"); return;
            case 13: sb.Append("\\r"); return;
            case 9: sb.Append("\\t"); return;
            case 11: sb.Append("\\v"); return;
        }
        if (v < ' ' || v == 0x7f)
        {
            sb.Append("\\x").Append(v.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (v < 0x10000)
        {
            sb.Append("\\u").Append(v.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append("\\U").Append(v.ToString("x8", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(Rune r)
    {
        if (r.Value == ' ')
        {
            return true;
        }
        return Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    /// <summary>Go's %#U: "U+0021 '!'".</summary>
    public static string FormatRune(int c)
    {
        string hex = "U+" + c.ToString("X4", CultureInfo.InvariantCulture);
        return Rune.IsValid(c) && IsPrint(new Rune(c)) ? hex + " '" + char.ConvertFromUtf32(c) + "'" : hex;
    }

    /// <summary>Unquotes a Go string, raw string or character literal; null when the syntax is invalid.</summary>
    public static string? Unquote(string literal)
    {
        if (literal.Length < 2)
        {
            return null;
        }
        char q = literal[0];
        if (q == '`')
        {
            return literal[^1] == '`' ? literal[1..^1].Replace("\r", "", StringComparison.Ordinal) : null;
        }
        if ((q != '"' && q != '\'') || literal[^1] != q)
        {
            return null;
        }
        var bytes = new List<byte>();
        string body = literal[1..^1];
        for (int i = 0; i < body.Length;)
        {
            char c = body[i];
            if (c == q || c == '\n')
            {
                return null;
            }
            if (c != '\\')
            {
                int len = char.IsHighSurrogate(c) && i + 1 < body.Length ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(body.Substring(i, len)));
                i += len;
                continue;
            }
            if (!UnescapeOne(body, ref i, q, bytes))
            {
                return null;
            }
        }
        string result = Encoding.UTF8.GetString(bytes.ToArray());
        return q == '\'' && EnumerateRunes(result).Count() != 1 ? null : result;
    }

    private static bool UnescapeOne(string body, ref int i, char q, List<byte> bytes)
    {
        if (i + 1 >= body.Length)
        {
            return false;
        }
        char e = body[i + 1];
        i += 2;
        switch (e)
        {
            case 'a': bytes.Add(7); return true;
            case 'b': bytes.Add(8); return true;
            case 'f': bytes.Add(12); return true;
            case 'n': bytes.Add(10); return true;
            case 'r': bytes.Add(13); return true;
            case 't': bytes.Add(9); return true;
            case 'v': bytes.Add(11); return true;
            case '\\': bytes.Add((byte)'\\'); return true;
            case '\'' or '"' when e == q: bytes.Add((byte)e); return true;
            case 'x': return AppendHex(body, ref i, 2, bytes, asByte: true);
            case 'u': return AppendHex(body, ref i, 4, bytes, asByte: false);
            case 'U': return AppendHex(body, ref i, 8, bytes, asByte: false);
            case >= '0' and <= '7':
                if (i + 2 > body.Length)
                {
                    return false;
                }
                string oct = body.Substring(i - 1, 3);
                if (oct.Any(ch => ch < '0' || ch > '7'))
                {
                    return false;
                }
                int v = (oct[0] - '0') * 64 + (oct[1] - '0') * 8 + (oct[2] - '0');
                if (v > 255)
                {
                    return false;
                }
                bytes.Add((byte)v);
                i += 2;
                return true;
            default:
                return false;
        }
    }

    private static bool AppendHex(string body, ref int i, int n, List<byte> bytes, bool asByte)
    {
        if (i + n > body.Length || !int.TryParse(body.AsSpan(i, n), NumberStyles.AllowHexSpecifier,
                CultureInfo.InvariantCulture, out int v))
        {
            return false;
        }
        i += n;
        if (asByte)
        {
            bytes.Add((byte)v);
            return true;
        }
        if (!Rune.IsValid(v))
        {
            return false;
        }
        bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(v)));
        return true;
    }
}
