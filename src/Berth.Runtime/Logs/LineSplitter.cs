namespace Berth.Runtime.Logs;

/// <summary>
/// Cuts a json-file log into lines and parses them, keeping an unterminated tail (a record the writer has not
/// finished) for the next read. A line longer than <see cref="MaxLine"/> cannot be a record: it is dropped up to
/// its newline instead of growing the buffer without bound.
/// </summary>
internal sealed class LineSplitter
{
    private const int MaxLine = 4 * 1024 * 1024;

    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _skipping;

    /// <summary>Reads once from <paramref name="stream"/>, adds the records of every completed line; 0 at end of file.</summary>
    public async ValueTask<int> ReadAsync(Stream stream, List<LogEntry> output, CancellationToken ct)
    {
        MakeRoom();
        var n = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
        if (n == 0)
            return 0;
        _end += n;
        Split(output);
        return n;
    }

    /// <summary>Forgets a partial line, as when the file under it was truncated or replaced.</summary>
    public void Reset()
    {
        _start = _end = 0;
        _skipping = false;
    }

    private void Split(List<LogEntry> output)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var newline = pending.IndexOf((byte)'\n');
            if (newline < 0)
                return;
            if (!_skipping && LogRecordParser.TryParse(pending[..newline], out var entry))
                output.Add(entry);
            _skipping = false;
            _start += newline + 1;
        }
    }

    private void MakeRoom()
    {
        if (_start == _end)
            _start = _end = 0;
        if (_end < _buffer.Length)
            return;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
            return;
        }
        if (_buffer.Length < MaxLine)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
            return;
        }
        _skipping = true;
        _start = _end = 0;
    }
}
