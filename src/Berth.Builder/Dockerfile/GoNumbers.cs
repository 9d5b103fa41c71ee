using System.Globalization;
using Berth.Oci;

namespace Berth.Builder.Dockerfile;

/// <summary>Go's time.ParseDuration and strconv.ParseInt (32-bit), with their error messages, for HEALTHCHECK flags.</summary>
internal static class GoNumbers
{
    private static readonly Dictionary<string, ulong> Units = new(StringComparer.Ordinal)
    {
        ["ns"] = 1,
        ["us"] = 1_000,
        ["\u00b5s"] = 1_000,
        ["\u03bcs"] = 1_000,
        ["ms"] = 1_000_000,
        ["s"] = 1_000_000_000,
        ["m"] = 60_000_000_000,
        ["h"] = 3_600_000_000_000,
    };

    /// <summary>Nanoseconds of a Go duration such as <c>1m30s</c>, <c>1.5h</c> or <c>-2ms</c>.</summary>
    public static long ParseDuration(string text)
    {
        var invalid = BerthException.Invalid($"time: invalid duration {GoText.Quote(text)}");
        var s = text;
        var negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s == "0") return 0;
        if (s.Length == 0) throw invalid;
        ulong total = 0;
        const ulong limit = 1UL << 63;
        while (s.Length > 0)
        {
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0]))) throw invalid;
            var i = 0;
            ulong whole = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (whole > (limit - 1) / 10) throw invalid;
                whole = whole * 10 + (ulong)(s[i] - '0');
                if (whole > limit) throw invalid;
                i++;
            }
            var hasWhole = i > 0;
            s = s[i..];
            ulong fraction = 0;
            double scale = 1;
            var hasFraction = false;
            if (s.Length > 0 && s[0] == '.')
            {
                s = s[1..];
                var j = 0;
                var overflow = false;
                while (j < s.Length && char.IsAsciiDigit(s[j]))
                {
                    if (!overflow)
                    {
                        if (fraction > (long.MaxValue - 9) / 10) overflow = true;
                        else
                        {
                            fraction = fraction * 10 + (ulong)(s[j] - '0');
                            scale *= 10;
                        }
                    }
                    j++;
                }
                hasFraction = j > 0;
                s = s[j..];
            }
            if (!hasWhole && !hasFraction) throw invalid;
            var u = 0;
            while (u < s.Length && s[u] != '.' && !char.IsAsciiDigit(s[u])) u++;
            if (u == 0) throw BerthException.Invalid($"time: missing unit in duration {GoText.Quote(text)}");
            var unitName = s[..u];
            s = s[u..];
            if (!Units.TryGetValue(unitName, out var unit))
                throw BerthException.Invalid($"time: unknown unit {GoText.Quote(unitName)} in duration {GoText.Quote(text)}");
            if (whole > limit / unit) throw invalid;
            whole *= unit;
            if (fraction > 0)
            {
                whole += (ulong)(fraction * (unit / scale));
                if (whole > limit) throw invalid;
            }
            total += whole;
            if (total > limit) throw invalid;
        }
        if (negative) return total == limit ? long.MinValue : -(long)total;
        if (total > limit - 1) throw invalid;
        return (long)total;
    }

    public static int ParseInt32(string text)
    {
        var digits = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            throw BerthException.Invalid($"strconv.ParseInt: parsing {GoText.Quote(text)}: invalid syntax");
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw BerthException.Invalid($"strconv.ParseInt: parsing {GoText.Quote(text)}: value out of range");
        return value;
    }
}
