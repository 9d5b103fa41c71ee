namespace Berth.Runtime.Logs;

/// <summary>
/// Writes a container's output in Docker's json-file format, one JSON record per line:
/// <c>{"log":"text\n","stream":"stdout","time":"2026-11-27T15:31:02.123456789Z"}</c>.
/// Lines are cut the way moby's log copier cuts them: at each newline; a line that reaches 16 KiB without one is
/// written in 16 KiB records without "\n" (all pieces carry the time of the first); what is left when a stream
/// closes is written without "\n". Output of one <see cref="Write"/> call goes to the file in one write(2) and is
/// never fsynced: a log is not worth a disk flush per line. Thread-safe; stdout and stderr keep separate
/// carry-over buffers so a line split across reads is joined.
/// </summary>
public sealed partial class JsonFileLogWriter : IDisposable
{
    /// <summary>moby's copier buffer: a line reaching this many bytes is logged as a partial record.</summary>
    public const int MaxLineBytes = 16 * 1024;

    private static readonly int MaxRecordBytes = GoJson.MaxEscapedLength(MaxLineBytes + 1) + 64;
    private static readonly int BufferBytes = Math.Max(256 * 1024, MaxRecordBytes * 2);

    private readonly object _gate = new();
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly JsonFileLogOptions _options;
    private readonly Carry _stdout = new();
    private readonly Carry _stderr = new();
    // Allocated at the first record: many containers never print, and a quarter megabyte of fresh memory costs
    // its page faults on the monitor's way to starting the container.
    private byte[]? _buffer;
    private int _buffered;
    private FileStream _file;
    private long _fileSize;
    private bool _disposed;

    /// <summary>Opens (appending) or creates the log at <paramref name="path"/>.</summary>
    public JsonFileLogWriter(string path, TimeProvider time, JsonFileLogOptions? options = null)
    {
        _path = path;
        _time = time;
        _options = options ?? new JsonFileLogOptions();
        if (_options.MaxFiles < 1)
            throw Berth.Oci.BerthException.Invalid("max-file cannot be less than 1");
        if (_options.MaxSize is <= 0)
            throw Berth.Oci.BerthException.Invalid("max-size must be a positive number");
        _file = Open(path, FileMode.Append);
        _fileSize = _file.Length;
    }

    /// <summary>The live log file.</summary>
    public string Path => _path;

    /// <summary>Logs output read from the container's <paramref name="stream"/>.</summary>
    public void Write(LogStream stream, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
            return;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var carry = CarryOf(stream);
            var now = _time.GetUtcNow();
            while (!data.IsEmpty)
            {
                var room = MaxLineBytes - carry.Length;
                var window = data.Length < room ? data : data[..room];
                var newline = window.IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    EmitLine(stream, carry, data[..newline], complete: true, now);
                    data = data[(newline + 1)..];
                }
                else if (data.Length >= room)
                {
                    EmitLine(stream, carry, data[..room], complete: false, now);
                    data = data[room..];
                }
                else
                {
                    data.CopyTo(carry.Bytes.AsSpan(carry.Length));
                    carry.Length += data.Length;
                    break;
                }
            }
            FlushBuffer();
        }
    }

    /// <summary>
    /// The container closed <paramref name="stream"/>: what is left of its last line is logged without "\n",
    /// as Docker does at end of output.
    /// </summary>
    public void CloseStream(LogStream stream)
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            var carry = CarryOf(stream);
            if (carry.Length > 0)
                EmitLine(stream, carry, default, complete: false, _time.GetUtcNow());
            carry.PartialTime = null;
            FlushBuffer();
        }
    }

    /// <summary>Closes both streams (logging partial lines) and the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
        }
        CloseStream(LogStream.Stdout);
        CloseStream(LogStream.Stderr);
        lock (_gate)
        {
            _disposed = true;
            _file.Dispose();
        }
    }

    private Carry CarryOf(LogStream stream) => stream == LogStream.Stderr ? _stderr : _stdout;

    /// <summary>Logs carry + tail as one record; a partial record keeps the first piece's time for all pieces.</summary>
    private void EmitLine(LogStream stream, Carry carry, ReadOnlySpan<byte> tail, bool complete, DateTimeOffset now)
    {
        ReadOnlySpan<byte> line;
        if (carry.Length > 0)
        {
            // Join in the carry buffer so a UTF-8 sequence cut between two reads is escaped as one character.
            tail.CopyTo(carry.Bytes.AsSpan(carry.Length));
            line = carry.Bytes.AsSpan(0, carry.Length + tail.Length);
        }
        else
            line = tail;
        var time = carry.PartialTime ?? now;
        carry.PartialTime = complete ? null : time;
        if (!line.IsEmpty || complete)
            AppendRecord(stream, line, complete, time);
        carry.Length = 0;
    }

    /// <summary>One stream's unfinished line.</summary>
    private sealed class Carry
    {
        public readonly byte[] Bytes = new byte[MaxLineBytes];
        public int Length;
        public DateTimeOffset? PartialTime;
    }
}
