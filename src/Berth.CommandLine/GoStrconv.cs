using System.Globalization;
using System.Text;

namespace Berth.CommandLine;

/// <summary>
/// The parts of Go's strconv that pflag's error messages expose: ParseBool, ParseInt with base 0 (so
/// <c>0x1f</c>, <c>0o17</c>, <c>017</c>, <c>0b101</c> and <c>1_000</c> are accepted as pflag accepts them) and
/// Quote, so that <c>invalid argument "abc" for "-n, --last" flag: strconv.ParseInt: parsing "abc": invalid
/// syntax</c> reads exactly as docker prints it.
/// </summary>
internal static class GoStrconv
{
    public static bool ParseBool(string s) => s switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => throw Error("ParseBool", s, "invalid syntax"),
    };

    /// <summary>strconv.ParseInt(s, 0, bits).</summary>
    public static long ParseInt(string s, int bits)
    {
        if (s.Length == 0)
        {
            throw Error("ParseInt", s, "invalid syntax");
        }

        bool negative = s[0] == '-';
        string digits = s[0] is '-' or '+' ? s[1..] : s;
        ulong magnitude = ParseUint(digits, bits, out bool overflow) ?? throw Error("ParseInt", s, "invalid syntax");
        ulong cutoff = 1UL << (bits - 1);
        if (overflow || (!negative && magnitude >= cutoff) || (negative && magnitude > cutoff))
        {
            throw Error("ParseInt", s, "value out of range");
        }

        return negative ? (long)(0 - magnitude) : (long)magnitude;
    }

    // Returns null on a syntax error; sets overflow when the digits do not fit in bits.
    private static ulong? ParseUint(string s, int bits, out bool overflow)
    {
        overflow = false;
        if (s.Length == 0)
        {
            return null;
        }

        int numberBase = 10;
        string body = s;
        if (s[0] == '0')
        {
            char p = s.Length >= 3 ? char.ToLowerInvariant(s[1]) : '\0';
            (numberBase, body) = p switch
            {
                'b' => (2, s[2..]),
                'o' => (8, s[2..]),
                'x' => (16, s[2..]),
                _ => (8, s[1..]),
            };
        }

        ulong max = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        ulong n = 0;
        bool underscores = false;
        foreach (char c in body)
        {
            if (c == '_')
            {
                underscores = true;
                continue;
            }

            int d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 99,
            };
            if (d >= numberBase)
            {
                return null;
            }

            if (n > (max - (ulong)d) / (ulong)numberBase)
            {
                overflow = true;
                return max;
            }

            n = (n * (ulong)numberBase) + (ulong)d;
        }

        return underscores && !UnderscoreOk(s) ? null : n;
    }

    // Go's underscoreOK: an underscore must sit between digits (a base prefix counts as a digit).
    private static bool UnderscoreOk(string s)
    {
        char saw = '^';
        int i = 0;
        bool hex = false;
        if (s.Length >= 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'b' or 'o' or 'x')
        {
            i = 2;
            saw = '0';
            hex = char.ToLowerInvariant(s[1]) == 'x';
        }

        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsAsciiDigit(c) || (hex && char.IsAsciiHexDigit(c)))
            {
                saw = '0';
            }
            else if (c == '_')
            {
                if (saw != '0')
                {
                    return false;
                }

                saw = '_';
            }
            else
            {
                if (saw == '_')
                {
                    return false;
                }

                saw = '!';
            }
        }

        return saw != '_';
    }

    /// <summary>Go's strconv.Quote (as <c>%q</c> prints a string) for the characters a command line carries.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (char c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\a' => "\\a",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\v' => "\\v",
                < ' ' or '\x7f' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Go's <c>%q</c> of a rune: <c>'x'</c>.</summary>
    public static string QuoteRune(char c) => c switch
    {
        '\'' => "'\\''",
        '"' => "'\"'",
        '\\' => "'\\\\'",
        _ => "'" + Quote(c.ToString())[1..^1] + "'",
    };

    private static FormatException Error(string func, string s, string reason) =>
        new($"strconv.{func}: parsing {Quote(s)}: {reason}");
}
