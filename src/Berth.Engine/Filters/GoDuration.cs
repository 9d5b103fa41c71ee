using System.Globalization;
using System.Text.RegularExpressions;

namespace Berth.Engine.Filters;

/// <summary>Go's time.ParseDuration: a sequence of decimal numbers with units ns, us, ms, s, m, h.</summary>
public static partial class GoDuration
{
    private const decimal MaxNanoseconds = long.MaxValue;

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text is "0" or "-0" or "+0") return true;
        var match = DurationRegex().Match(text);
        if (!match.Success) return false;
        decimal nanoseconds = 0;
        try
        {
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var unitStart = part.Value.IndexOfAny(['n', 'u', '\u00b5', '\u03bc', 'm', 's', 'h']);
                nanoseconds += Nanoseconds(part.Value[..unitStart], part.Value[unitStart..] switch
                {
                    "ns" => 1L,
                    "us" or "\u00b5s" or "\u03bcs" => 1_000L,
                    "ms" => 1_000_000L,
                    "s" => 1_000_000_000L,
                    "m" => 60_000_000_000L,
                    _ => 3_600_000_000_000L,
                });
            }
        }
        catch (OverflowException)
        {
            return false;
        }
        // Go's Duration is an int64 of nanoseconds: anything larger is "invalid duration" (decimal keeps the
        // arithmetic exact at that boundary; -2^63 itself is allowed).
        var negative = match.Groups["sign"].Value == "-";
        if (nanoseconds > MaxNanoseconds + (negative ? 1 : 0)) return false;
        var ticks = (long)(nanoseconds / 100);
        duration = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    // Go multiplies the integer part exactly and the fraction in float64 (uint64(float64(f) * (unit / scale))),
    // keeping at most the fraction digits that fit in a uint64; doing the same gives Go's rounding.
    private static decimal Nanoseconds(string number, long unit)
    {
        var dot = number.IndexOf('.');
        var whole = dot < 0 ? number : number[..dot];
        var fraction = dot < 0 ? "" : number[(dot + 1)..];
        if (fraction.Length > 19) fraction = fraction[..19];
        var total = (whole.Length == 0 ? 0m : decimal.Parse(whole, CultureInfo.InvariantCulture)) * unit;
        if (fraction.Length > 0)
        {
            var digits = ulong.Parse(fraction, CultureInfo.InvariantCulture);
            total += (decimal)Math.Truncate(digits * (unit / Math.Pow(10, fraction.Length)));
        }
        return total;
    }

    [GeneratedRegex(@"^(?<sign>[-+]?)(?<part>(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+$")]
    private static partial Regex DurationRegex();
}
