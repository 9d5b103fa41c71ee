namespace Berth.Runtime.Logs;

/// <summary>
/// Writes log entries as <c>docker logs</c> prints them: the raw line to stdout or stderr, with <c>-t</c> prefixed
/// by the record time in Go's RFC3339NanoFixed layout (nine fraction digits) and a space. <c>--details</c> prints
/// log-opt attributes Berth does not record, so it changes nothing here.
/// </summary>
public sealed class LogLineFormatter
{
    private readonly bool _timestamps;
    private readonly byte[] _prefix = new byte[GoTime.MaxLength + 1];

    public LogLineFormatter(bool timestamps)
    {
        _timestamps = timestamps;
    }

    /// <summary>Writes one entry to the stream it came from; the caller flushes.</summary>
    public async ValueTask WriteAsync(LogEntry entry, Stream stdout, Stream stderr, CancellationToken ct)
    {
        var output = entry.Stream == LogStream.Stderr ? stderr : stdout;
        if (_timestamps)
        {
            var n = GoTime.FormatRfc3339NanoFixed(entry.Time, _prefix);
            _prefix[n++] = (byte)' ';
            await output.WriteAsync(_prefix.AsMemory(0, n), ct);
        }
        await output.WriteAsync(entry.Line, ct);
    }

    /// <summary>The <c>-t</c> prefix text for <paramref name="time"/>, without the trailing space.</summary>
    public static string FormatTimestamp(DateTimeOffset time)
    {
        Span<byte> buffer = stackalloc byte[GoTime.MaxLength];
        var n = GoTime.FormatRfc3339NanoFixed(time, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..n]);
    }
}
