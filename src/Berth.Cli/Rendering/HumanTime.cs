using System.Globalization;

namespace Berth.Cli.Rendering;

/// <summary>Times as docker prints them: go-units HumanDuration ("2 hours ago") and Go's Time.String().</summary>
internal static class HumanTime
{
    public static string Since(DateTimeOffset time, DateTimeOffset now) => Duration(now - time) + " ago";

    public static string Duration(TimeSpan d) => Engine.Formatting.HumanDuration.Format(d);

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
