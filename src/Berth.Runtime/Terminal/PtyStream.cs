using Berth.Linux;
using Microsoft.Win32.SafeHandles;

namespace Berth.Runtime.Terminal;

/// <summary>
/// A pty master as a <see cref="Stream"/>. Reads end (return 0) on EIO, which is how the master reports that
/// every slave descriptor closed, i.e. the container's processes exited. Reads and writes may run concurrently
/// (Stream's default async methods would serialize them); a pending read ends when the token is cancelled
/// (checked every <see cref="CancelPollMilliseconds"/>) or the stream is disposed.
/// </summary>
public sealed class PtyStream : Stream
{
    private const int CancelPollMilliseconds = 100;

    private readonly SafeFileHandle _master;
    private readonly SafeFileHandle _wakeRead;
    private readonly SafeFileHandle _wakeWrite;
    private int _disposed;

    /// <summary>Takes ownership of <paramref name="master"/>.</summary>
    public PtyStream(SafeFileHandle master)
    {
        _master = master;
        (_wakeRead, _wakeWrite) = Pipe.Create();
    }

    /// <summary>The master descriptor, for <see cref="WindowSize.Set"/>.</summary>
    public SafeFileHandle Handle => _master;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => ReadCore(buffer, CancellationToken.None);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Task.Run(() => ReadCore(buffer.Span, cancellationToken), cancellationToken));

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        DescriptorIO.Write(_master, buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Task.Run(() => Write(buffer.Span), cancellationToken));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Wakes pending reads first; the SafeHandle reference counts keep the master open until they return.
            DescriptorIO.Write(_wakeWrite, [1]);
            _master.Dispose();
            _wakeWrite.Dispose();
            _wakeRead.Dispose();
        }

        base.Dispose(disposing);
    }

    private int ReadCore(Span<byte> buffer, CancellationToken ct)
    {
        if (buffer.IsEmpty) return 0;
        var timeout = ct.CanBeCanceled ? CancelPollMilliseconds : -1;
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            ct.ThrowIfCancellationRequested();
            var (ready, woken) = DescriptorIO.PollReadable(_master, _wakeRead, timeout);
            if (woken) throw new ObjectDisposedException(nameof(PtyStream));
            if (!ready) continue;
            try
            {
                return DescriptorIO.Read(_master, buffer);
            }
            catch (LinuxIOException e) when (e.Errno == DescriptorIO.EIO)
            {
                return 0;
            }
        }
    }
}
