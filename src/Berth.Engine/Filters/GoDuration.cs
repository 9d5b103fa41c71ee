using System.Globalization;
using System.Text.RegularExpressions;

namespace Berth.Engine.Filters;

/// <summary>Go's time.ParseDuration: a sequence of decimal numbers with units ns, us, ms, s, m, h.</summary>
public static partial class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text == "0") return true;
        var match = DurationRegex().Match(text);
        if (!match.Success) return false;
        double ticks = 0;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitStart = part.Value.IndexOfAny(['n', 'u', 'µ', 'm', 's', 'h']);
            var number = double.Parse(part.Value[..unitStart], CultureInfo.InvariantCulture);
            ticks += number * (part.Value[unitStart..] switch
            {
                "ns" => 0.01,
                "us" or "µs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            });
        }
        duration = TimeSpan.FromTicks((long)(match.Groups["sign"].Value == "-" ? -ticks : ticks));
        return true;
    }

    [GeneratedRegex(@"^(?<sign>[-+]?)(?<part>(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex DurationRegex();
}
