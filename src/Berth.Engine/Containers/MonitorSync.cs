using System.Text;
using Berth.Linux;
using Berth.Oci;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Containers;

/// <summary>
/// The few lines a monitor writes to its starter over an inherited pipe: <c>created</c> (the attach socket listens
/// and the runtime is creating the container), then <c>started PID</c> or <c>failed EXITCODE MESSAGE</c>. End of
/// file before an outcome means the monitor died; its log says why. After a failure, end of file means the monitor
/// has cleaned up.
/// <para>The starter reads on its own thread, which waits for nothing else meanwhile: an asynchronous read of a
/// pipe is a blocking read(2) on a pool thread, and a start that gave the monitor its container and then had a
/// thread created to wait there took the processor from the monitor it had just woken (the thread's start alone,
/// spinning until it ran, was 0.4 ms of CPU per foreground run). The read still ends when its cancellation token
/// fires.</para>
/// </summary>
internal sealed class MonitorSync(SafeFileHandle pipe, string monitorLog) : IDisposable
{
    private byte[] _buffer = new byte[256];
    private int _start;
    private int _end;

    public const string Created = "created";
    public const string Started = "started";
    public const string Failed = "failed";

    /// <summary>Reads up to and including the line that starts with <paramref name="expected"/>, or an outcome.</summary>
    public MonitorMessage Read(string expected, CancellationToken ct)
    {
        using var wake = ct.CanBeCanceled ? new CancellationWake(ct) : null;
        while (ReadLine(wake, ct) is { } line)
        {
            var parts = line.Split(' ', 3);
            switch (parts[0])
            {
                case Failed:
                    // The monitor cleans up (and removes a --rm container) before it exits: wait for that, so
                    // the caller returns to a consistent store. Only the monitor holds this pipe's write end.
                    while (ReadLine(wake, ct) is not null)
                    {
                    }
                    return new MonitorMessage(Failed, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts.Length > 2 ? parts[2] : "");
                case Started:
                    return new MonitorMessage(Started, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), "");
                default:
                    if (parts[0] == expected) return new MonitorMessage(parts[0], 0, "");
                    break;
            }
        }
        var log = File.Exists(monitorLog) ? File.ReadAllText(monitorLog).Trim() : "";
        throw new BerthException(ErrorKind.Internal, "container monitor exited before the container started" + (log.Length > 0 ? ": " + log.Split('\n')[^1] : ""));
    }

    // A line without its newline; what follows the last newline at end of file is a line too. Null at end of file.
    private string? ReadLine(CancellationWake? wake, CancellationToken ct)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Encoding.UTF8.GetString(_buffer, _start, newline - _start);
                _start = newline + 1;
                return line;
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            if (wake is not null && DescriptorIO.PollReadable(pipe, wake.Readable, -1) is (false, true))
                ct.ThrowIfCancellationRequested();
            var read = DescriptorIO.Read(pipe, _buffer.AsSpan(_end));
            if (read == 0)
            {
                if (_end == 0) return null;
                var rest = Encoding.UTF8.GetString(_buffer, 0, _end);
                _end = 0;
                return rest;
            }
            _end += read;
        }
    }

    /// <summary>Writes one line (the monitor's side); a starter that stopped listening is not an error.</summary>
    public static void Write(Stream pipe, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line.ReplaceLineEndings(" ") + "\n");
        try
        {
            pipe.Write(bytes);
            pipe.Flush();
        }
        catch (IOException)
        {
        }
    }

    public void Dispose() => pipe.Dispose();
}
