namespace Berth.Images.Streams;

/// <summary>
/// A read-only stream that copies every byte it reads from its source into a sink, so one pass over a
/// non-seekable input can both store a blob and feed a decompressor computing its diffID. Source failures are
/// remembered so a caller can tell a truncated input from a corrupt blob.
/// </summary>
internal sealed class TeeReadStream(Stream source, Stream sink, MemoryStream? copy) : Stream
{
    public long BytesRead { get; private set; }

    public bool SourceFailed { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n;
        try
        {
            n = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            SourceFailed = true;
            throw;
        }
        if (n > 0)
        {
            await sink.WriteAsync(buffer[..n], cancellationToken).ConfigureAwait(false);
            copy?.Write(buffer.Span[..n]);
            BytesRead += n;
        }
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads the source to its end (bytes a decompressor left behind still belong to the blob).</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        while (await ReadAsync(buffer, ct).ConfigureAwait(false) > 0) { }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
