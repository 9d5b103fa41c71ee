using Berth.Engine.Models;

namespace Berth.Engine.Progress;

/// <summary>A read-only stream that reports how far it has been read, at most every 64 KiB and at the end.</summary>
internal sealed class ProgressStream(Stream inner, IProgress<ProgressUpdate> progress, string id, string action, long? total) : Stream
{
    private const long ReportEvery = 64 << 10;
    private long _position;
    private long _reported = -ReportEvery;

    public override int Read(byte[] buffer, int offset, int count) => Advance(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Advance(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Advance(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Advance(int read)
    {
        _position += read;
        if (read == 0 || _position - _reported >= ReportEvery)
        {
            _reported = _position;
            progress.Report(new ProgressUpdate(id, action, _position, total));
        }
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
