namespace Berth.Archive;

/// <summary>
/// Reads the uncompressed layer in large chunks, hashing each chunk once as it arrives, and serves the tar
/// reader's small reads from that buffer. Every byte that passes through is hashed exactly once, so after
/// <see cref="DrainAsync"/> the digest covers the whole stream: the diffID Docker computes.
/// </summary>
internal sealed class HashingReadStream(Stream inner, int bufferSize) : ForwardReadStream
{
    private readonly byte[] _buffer = new byte[bufferSize];

    // A decompressor hands out a few KiB per read; collecting a quarter MiB before serving the tar reader keeps
    // file writes large and the number of hops through the stream chain small.
    private int FillTarget => Math.Min(_buffer.Length, 256 << 10);
    private int _start;
    private int _end;

    /// <summary>The digest of every byte read from the inner stream so far.</summary>
    public RunningDigest Digest { get; } = new();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        if (_start == _end && !Fill(inner.ReadAtLeast(_buffer, FillTarget, throwOnEndOfStream: false))) return 0;
        return Take(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (buffer.IsEmpty) return 0;
        if (_start == _end && buffer.Length >= FillTarget)
        {
            // A reader with a large buffer of its own is filled and hashed in place.
            var read = await inner.ReadAtLeastAsync(buffer, FillTarget, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            Digest.Append(buffer.Span[..read]);
            return read;
        }
        if (_start == _end && !Fill(await inner.ReadAtLeastAsync(_buffer, FillTarget, throwOnEndOfStream: false, ct).ConfigureAwait(false))) return 0;
        return Take(buffer.Span);
    }

    /// <summary>Reads (and hashes) whatever is left, so trailing zero blocks and padding count too.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        _start = _end = 0;
        while (Fill(await inner.ReadAsync(_buffer, ct).ConfigureAwait(false))) _start = _end = 0;
    }

    private bool Fill(int read)
    {
        if (read <= 0) return false;
        Digest.Append(_buffer.AsSpan(0, read));
        _start = 0;
        _end = read;
        return true;
    }

    private int Take(Span<byte> destination)
    {
        var n = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, n).CopyTo(destination);
        _start += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Digest.Dispose();
        base.Dispose(disposing);
    }
}
