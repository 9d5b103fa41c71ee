using System.Globalization;

namespace Berth.Engine.Filters;

/// <summary>
/// Docker's <c>until</c> timestamps: a Go duration relative to now (<c>24h</c>, <c>10m</c>), a Unix time
/// (<c>1700000000</c>), or an RFC 3339 date or date-time.
/// </summary>
public static class UntilFilter
{
    public static bool TryParse(string value, DateTimeOffset now, out DateTimeOffset until)
    {
        if (GoDuration.TryParse(value, out var duration))
        {
            until = now - duration;
            return true;
        }
        if (decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            until = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
            return true;
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out until);
    }
}
