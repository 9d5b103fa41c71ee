namespace Berth.Archive;

/// <summary>Passes compressed bytes through while remembering the last eight: the final gzip trailer.</summary>
internal sealed class GzipTailStream(Stream inner) : ForwardReadStream
{
    private readonly byte[] _tail = new byte[8];

    public long Count { get; private set; }

    /// <summary>The last eight bytes read (CRC32 then ISIZE, little-endian), valid when <see cref="Count"/> ≥ 8.</summary>
    public ReadOnlySpan<byte> Tail => _tail;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Track(buffer, inner.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        var read = await inner.ReadAsync(buffer, ct).ConfigureAwait(false);
        return Track(buffer.Span, read);
    }

    private int Track(ReadOnlySpan<byte> buffer, int read)
    {
        if (read <= 0) return read;
        var chunk = buffer[..read];
        if (read >= 8)
        {
            chunk[^8..].CopyTo(_tail);
        }
        else
        {
            _tail.AsSpan(read).CopyTo(_tail);
            chunk.CopyTo(_tail.AsSpan(8 - read));
        }
        Count += read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
