namespace Berth.Runtime.Logs;

public sealed partial class JsonFileLogWriter
{
    /// <summary>Formats one record into the batch buffer, rotating first when the file has reached max-size.</summary>
    private void AppendRecord(LogStream stream, ReadOnlySpan<byte> line, bool complete, DateTimeOffset time)
    {
        if (_options.MaxSize is { } max && _fileSize + _buffered >= max)
        {
            // moby checks capacity before each record, so a file may pass max-size by one record.
            FlushBuffer();
            Rotate();
        }
        _buffer ??= GC.AllocateUninitializedArray<byte>(BufferBytes);
        if (_buffer.Length - _buffered < MaxRecordBytes)
            FlushBuffer();
        var dest = _buffer.AsSpan(_buffered);
        var o = 0;
        "{\"log\":"u8.CopyTo(dest);
        o += 7;
        o += WriteLog(line, complete, dest[o..]);
        var streamField = stream == LogStream.Stderr ? ",\"stream\":\"stderr\",\"time\":\""u8 : ",\"stream\":\"stdout\",\"time\":\""u8;
        streamField.CopyTo(dest[o..]);
        o += streamField.Length;
        o += GoTime.FormatRfc3339Nano(time, dest[o..]);
        "\"}\n"u8.CopyTo(dest[o..]);
        o += 3;
        _buffered += o;
    }

    /// <summary>Escapes the line, adding the "\n" a complete line ends with inside the string.</summary>
    private static int WriteLog(ReadOnlySpan<byte> line, bool complete, Span<byte> dest)
    {
        var n = GoJson.WriteString(line, dest);
        if (!complete)
            return n;
        // Replace the closing quote by \n" (a newline is never part of a line, so escaping it separately is exact).
        dest[n - 1] = (byte)'\\';
        dest[n] = (byte)'n';
        dest[n + 1] = (byte)'"';
        return n + 2;
    }

    private void FlushBuffer()
    {
        if (_buffered == 0)
            return;
        // A failed write drops the batch: retrying it later could duplicate the part the kernel took.
        var count = _buffered;
        _buffered = 0;
        _file.Write(_buffer!, 0, count);
        _fileSize += count;
    }

    /// <summary>
    /// moby's LogFile.rotate: drop the oldest, shift path.(i-1) → path.i, path → path.1, reopen path truncated.
    /// With max-file 1 nothing is kept: the same file is truncated.
    /// </summary>
    private void Rotate()
    {
        _file.Dispose();
        var maxFiles = _options.MaxFiles;
        if (maxFiles >= 2)
        {
            File.Delete($"{_path}.{maxFiles - 1}");
            for (var i = maxFiles - 1; i > 1; i--)
            {
                var from = $"{_path}.{i - 1}";
                if (File.Exists(from))
                    File.Move(from, $"{_path}.{i}", overwrite: true);
            }
            if (File.Exists(_path))
                File.Move(_path, _path + ".1", overwrite: true);
        }
        _file = Open(_path, FileMode.Create);
        _fileSize = 0;
    }

    private static FileStream Open(string path, FileMode mode) => new(path, new FileStreamOptions
    {
        Mode = mode,
        Access = FileAccess.Write,
        Share = FileShare.ReadWrite | FileShare.Delete,
        BufferSize = 0,
        // Docker creates container logs 0640.
        UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
    });
}
