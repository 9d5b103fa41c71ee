namespace Berth.Linux;

/// <summary>
/// A <c>struct timespec</c>: whole seconds since the Unix epoch plus nanoseconds. DateTimeOffset only holds
/// 100 ns ticks, and PAX headers carry full nanoseconds, so times travel in this form down to utimensat.
/// </summary>
public readonly record struct Timespec(long Seconds, long Nanoseconds)
{
    // utimensat(2): these tv_nsec values mean "leave unchanged" and "set to the current time".
    internal const long UtimeOmit = (1L << 30) - 2;
    internal const long UtimeNow = (1L << 30) - 1;

    /// <summary>Leaves the corresponding time unchanged when passed to <see cref="FileTimes"/>.</summary>
    public static Timespec Omit => new(0, UtimeOmit);

    public static Timespec FromDateTimeOffset(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0)
        {
            seconds--;
            rest += TimeSpan.TicksPerSecond;
        }
        return new Timespec(seconds, rest * 100);
    }

    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.UnixEpoch.AddTicks(Seconds * TimeSpan.TicksPerSecond + Nanoseconds / 100);

    public override string ToString() => $"{Seconds}.{Nanoseconds:D9}";
}
