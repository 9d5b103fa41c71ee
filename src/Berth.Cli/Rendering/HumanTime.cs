using System.Globalization;

namespace Berth.Cli.Rendering;

/// <summary>Times as docker prints them: go-units HumanDuration ("2 hours ago") and Go's Time.String().</summary>
internal static class HumanTime
{
    public static string Since(DateTimeOffset time, DateTimeOffset now) => Duration(now - time) + " ago";

    public static string Duration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return $"{seconds} seconds";
        var minutes = (long)d.TotalMinutes;
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return $"{minutes} minutes";
        var hours = (long)(d.TotalHours + 0.5);
        if (hours == 1) return "About an hour";
        if (hours < 48) return $"{hours} hours";
        if (hours < 24 * 7 * 2) return $"{hours / 24} days";
        if (hours < 24 * 30 * 2) return $"{hours / 24 / 7} weeks";
        if (hours < 24 * 365 * 2) return $"{hours / 24 / 30} months";
        return $"{(long)d.TotalHours / 24 / 365} years";
    }

    /// <summary>Go's <c>time.Unix(s, 0).String()</c> in local time: <c>2024-01-02 15:04:05 +0000 UTC</c>.</summary>
    public static string GoString(DateTimeOffset time)
    {
        var local = time.ToLocalTime();
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var zone = offset == TimeSpan.Zero ? "UTC" : $"{sign}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00}";
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + $" {sign}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00} {zone}";
    }
}
