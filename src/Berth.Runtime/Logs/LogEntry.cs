namespace Berth.Runtime.Logs;

/// <summary>
/// One json-file record as read back: the stream it came from, its time, and the raw output bytes (with the
/// trailing "\n" for a complete line, without one for a partial line).
/// </summary>
public readonly record struct LogEntry(LogStream Stream, DateTimeOffset Time, ReadOnlyMemory<byte> Line);
