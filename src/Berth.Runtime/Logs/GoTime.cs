namespace Berth.Runtime.Logs;

/// <summary>
/// Go's time layouts that Docker's logs use, written as UTF-8 without allocating. json-file records carry
/// time.RFC3339Nano (fraction with trailing zeros trimmed, no dot when it is zero); <c>docker logs -t</c> prints
/// RFC3339NanoFixed (always nine digits). .NET time has 100 ns ticks, so the last two digits are always zero.
/// </summary>
internal static class GoTime
{
    /// <summary>Longest output: 2006-01-02T15:04:05.999999999Z.</summary>
    public const int MaxLength = 30;

    public static int FormatRfc3339Nano(DateTimeOffset time, Span<byte> dest) => Format(time, dest, fixedFraction: false);

    public static int FormatRfc3339NanoFixed(DateTimeOffset time, Span<byte> dest) => Format(time, dest, fixedFraction: true);

    private static int Format(DateTimeOffset time, Span<byte> dest, bool fixedFraction)
    {
        var t = time.UtcDateTime;
        var o = 0;
        o += Digits(t.Year, 4, dest[o..]);
        dest[o++] = (byte)'-';
        o += Digits(t.Month, 2, dest[o..]);
        dest[o++] = (byte)'-';
        o += Digits(t.Day, 2, dest[o..]);
        dest[o++] = (byte)'T';
        o += Digits(t.Hour, 2, dest[o..]);
        dest[o++] = (byte)':';
        o += Digits(t.Minute, 2, dest[o..]);
        dest[o++] = (byte)':';
        o += Digits(t.Second, 2, dest[o..]);
        var nanos = (int)(t.Ticks % TimeSpan.TicksPerSecond) * 100;
        var digits = 9;
        if (!fixedFraction)
        {
            while (digits > 0 && nanos % 10 == 0)
            {
                nanos /= 10;
                digits--;
            }
        }
        if (digits > 0)
        {
            dest[o++] = (byte)'.';
            o += Digits(nanos, digits, dest[o..]);
        }
        dest[o++] = (byte)'Z';
        return o;
    }

    private static int Digits(int value, int width, Span<byte> dest)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            dest[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
        return width;
    }
}
