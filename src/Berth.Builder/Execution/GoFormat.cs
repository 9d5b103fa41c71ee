using System.Globalization;
using System.Text;
using Berth.Builder.Dockerfile;

namespace Berth.Builder.Execution;

/// <summary>
/// Go's <c>%q</c> and <c>%v</c> of a string slice, which BuildKit's history texts use
/// (<c>CMD ["sh" "-c" "x"]</c>, <c>VOLUME [/data]</c>), so <c>berth history</c> reads as docker's does.
/// </summary>
internal static class GoFormat
{
    public static string QuotedList(IEnumerable<string> values) => "[" + string.Join(' ', values.Select(GoText.Quote)) + "]";

    public static string PlainList(IEnumerable<string> values) => "[" + string.Join(' ', values) + "]";

    /// <summary>
    /// BuildKit's history text of a HEALTHCHECK: Go's <c>%q</c> of the config pointer,
    /// <c>&amp;{["CMD" "x"] "30s" "5s" "0s" "0s" '\x03'}</c> (durations as Go prints them, retries as a rune).
    /// </summary>
    public static string HealthConfig(Oci.HealthConfig health) =>
        $"&{{{QuotedList(health.Test ?? [])} {GoText.Quote(Duration(health.Interval))} {GoText.Quote(Duration(health.Timeout))} " +
        $"{GoText.Quote(Duration(health.StartPeriod))} {GoText.Quote(Duration(health.StartInterval))} {QuoteRune(health.Retries ?? 0)}}}";

    /// <summary>Go's time.Duration.String of nanoseconds: <c>1h2m3.5s</c>, <c>150ms</c>, <c>0s</c>.</summary>
    public static string Duration(long? nanoseconds)
    {
        var d = nanoseconds ?? 0;
        if (d == 0) return "0s";
        var sign = d < 0 ? "-" : "";
        var u = (ulong)Math.Abs(d);
        if (u < 1_000_000_000)
        {
            var (unit, scale) = u < 1_000 ? ("ns", 1UL) : u < 1_000_000 ? ("µs", 1_000UL) : ("ms", 1_000_000UL);
            return sign + Fraction(u, scale) + unit;
        }
        var text = new StringBuilder(sign);
        var hours = u / 3_600_000_000_000;
        var minutes = u / 60_000_000_000 % 60;
        if (hours > 0) text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        if (hours > 0 || minutes > 0) text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        return text.Append(Fraction(u % 60_000_000_000, 1_000_000_000)).Append('s').ToString();
    }

    private static string Fraction(ulong value, ulong scale)
    {
        var whole = (value / scale).ToString(CultureInfo.InvariantCulture);
        var rest = value % scale;
        if (rest == 0) return whole;
        var digits = scale.ToString(CultureInfo.InvariantCulture).Length - 1;
        return whole + "." + rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }

    /// <summary>strconv.QuoteRune: <c>'A'</c>, <c>'\x03'</c>, <c>'\n'</c>.</summary>
    public static string QuoteRune(int value) => value switch
    {
        7 => "'\\a'",
        8 => "'\\b'",
        9 => "'\\t'",
        10 => "'\\n'",
        11 => "'\\v'",
        12 => "'\\f'",
        13 => "'\\r'",
        '\'' => "'\\''",
        '\\' => "'\\\\'",
        < 0x20 or 0x7f => "'\\x" + value.ToString("x2", CultureInfo.InvariantCulture) + "'",
        _ => "'" + char.ConvertFromUtf32(value) + "'",
    };
}
