using System.Globalization;
using Berth.Oci;

namespace Berth.Images.Changes;

/// <summary>
/// HEALTHCHECK as the Dockerfile reference defines it: <c>NONE</c>, or options then <c>CMD</c> in exec or shell
/// form. Durations use Go's syntax (<c>30s</c>, <c>1m30s</c>, <c>500ms</c>) and are stored in nanoseconds.
/// </summary>
internal static class HealthcheckChange
{
    public static HealthConfig Parse(string rest)
    {
        var config = new HealthConfig();
        var text = rest.TrimStart();
        while (text.StartsWith("--", StringComparison.Ordinal))
        {
            var end = text.IndexOfAny([' ', '\t']);
            var flag = end < 0 ? text : text[..end];
            text = end < 0 ? "" : text[end..].TrimStart();
            var eq = flag.IndexOf('=');
            if (eq < 0) throw new FormatException($"missing a value on flag: {flag}");
            var (name, value) = (flag[2..eq], flag[(eq + 1)..]);
            config = name switch
            {
                "interval" => config with { Interval = Duration(name, value) },
                "timeout" => config with { Timeout = Duration(name, value) },
                "start-period" => config with { StartPeriod = Duration(name, value) },
                "start-interval" => config with { StartInterval = Duration(name, value) },
                "retries" => config with { Retries = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : throw new FormatException("--retries must be at least 1") },
                _ => throw new FormatException($"unknown flag: {name}"),
            };
        }
        var space = text.IndexOfAny([' ', '\t']);
        var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
        var command = space < 0 ? "" : text[space..].Trim();
        switch (keyword)
        {
            case "NONE":
                if (command.Length > 0 || config != new HealthConfig()) throw new FormatException("HEALTHCHECK NONE takes no arguments");
                return new HealthConfig { Test = ["NONE"] };
            case "CMD":
                if (command.Length == 0) throw new FormatException("Missing command after HEALTHCHECK CMD");
                return config with { Test = ShellWords.TryParseJsonArray(command, out var exec) ? ["CMD", .. exec] : ["CMD-SHELL", command] };
            default:
                throw new FormatException($"Unknown type \"{keyword}\" in HEALTHCHECK (try CMD)");
        }
    }

    private static long Duration(string flag, string value)
    {
        long total = 0;
        var i = 0;
        if (value == "0") return 0;
        while (i < value.Length)
        {
            var start = i;
            while (i < value.Length && (char.IsAsciiDigit(value[i]) || value[i] == '.')) i++;
            if (!double.TryParse(value.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                throw new FormatException($"time: invalid duration \"{value}\"");
            var unitStart = i;
            while (i < value.Length && char.IsAsciiLetter(value[i])) i++;
            long scale = value[unitStart..i] switch
            {
                "ns" => 1, "us" => 1_000, "ms" => 1_000_000, "s" => 1_000_000_000,
                "m" => 60_000_000_000, "h" => 3_600_000_000_000,
                _ => throw new FormatException($"time: invalid duration \"{value}\""),
            };
            total += (long)(number * scale);
        }
        if (total is > 0 and < 1_000_000) throw new FormatException($"Interval \"{flag}\" cannot be less than 1ms");
        return total;
    }
}
