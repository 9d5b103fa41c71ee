using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Berth.Archive;

/// <summary>
/// Reads its inner stream on a task of its own, a few large chunks ahead of the reader, so that whatever the
/// inner stream does per read (download and hash, decompress, hash again) runs on another core than what the
/// reader does with the bytes. Chunks are filled in place by the inner stream and handed over whole: no copy is
/// added beyond the reader's own. The end of the inner stream is passed on only after its final read returned
/// 0, so checks an inner stream makes at its end (a blob digest, a gzip trailer) have passed before the reader
/// sees the end; an exception from the inner stream reaches the reader, unwrapped, at the point where its data
/// would have been. Disposing stops the task and waits for it before the inner stream is disposed.
/// </summary>
internal sealed class ReadAheadStream : ForwardReadStream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly Channel<byte[]> _free;
    private readonly Channel<Chunk> _full;
    private readonly CancellationTokenSource _stop = new();
    private readonly int _chunkSize;
    private Task? _producer;
    private Exception? _failure;
    private Chunk _current;
    private int _offset;
    private bool _ended;
    private bool _disposed;

    public ReadAheadStream(Stream inner, int chunkSize, int depth, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        _inner = inner;
        _leaveOpen = leaveOpen;
        _chunkSize = chunkSize;
        _free = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _full = Channel.CreateUnbounded<Chunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        // One chunk more than the depth: the one the reader is serving from does not hold the producer back.
        for (var i = 0; i <= depth; i++) _free.Writer.TryWrite(new byte[chunkSize]);
    }

    private readonly record struct Chunk(byte[] Buffer, int Length);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        if (_offset == _current.Length && !NextChunkAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()) return 0;
        return Take(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (buffer.IsEmpty) return ValueTask.FromResult(0);
        if (_offset < _current.Length) return ValueTask.FromResult(Take(buffer.Span));
        return ReadSlowAsync(buffer, ct);
    }

    private async ValueTask<int> ReadSlowAsync(Memory<byte> buffer, CancellationToken ct)
    {
        if (!await NextChunkAsync(ct).ConfigureAwait(false)) return 0;
        return Take(buffer.Span);
    }

    /// <summary>
    /// Up to <paramref name="maxLength"/> bytes of the current chunk, without copying them: valid only until the
    /// next read. Empty at the end of the stream.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadSegmentAsync(int maxLength, CancellationToken ct)
    {
        if (maxLength <= 0) return ReadOnlyMemory<byte>.Empty;
        if (_offset == _current.Length && !await NextChunkAsync(ct).ConfigureAwait(false)) return ReadOnlyMemory<byte>.Empty;
        var n = Math.Min(maxLength, _current.Length - _offset);
        var segment = _current.Buffer.AsMemory(_offset, n);
        _offset += n;
        return segment;
    }

    private int Take(Span<byte> destination)
    {
        var n = Math.Min(destination.Length, _current.Length - _offset);
        _current.Buffer.AsSpan(_offset, n).CopyTo(destination);
        _offset += n;
        return n;
    }

    /// <summary>Recycles the exhausted chunk and waits for the next; false at the end of the inner stream.</summary>
    private async ValueTask<bool> NextChunkAsync(CancellationToken ct)
    {
        if (_ended) return false;
        _producer ??= Task.Run(ProduceAsync);
        if (_current.Buffer is not null) _free.Writer.TryWrite(_current.Buffer);
        _current = default;
        _offset = 0;
        while (true)
        {
            if (_full.Reader.TryRead(out var chunk))
            {
                _current = chunk;
                return true;
            }
            if (!await _full.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                if (_failure is { } failure) ExceptionDispatchInfo.Throw(failure);
                _ended = true;
                return false;
            }
        }
    }

    private async Task ProduceAsync()
    {
        var ct = _stop.Token;
        byte[]? buffer = null;
        var filled = 0;
        try
        {
            while (true)
            {
                buffer = await _free.Reader.ReadAsync(ct).ConfigureAwait(false);
                filled = 0;
                int read;
                // Filling whole chunks keeps hand-overs few; a short read of a socket or decompressor is common.
                while (filled < buffer.Length && (read = await _inner.ReadAsync(buffer.AsMemory(filled), ct).ConfigureAwait(false)) > 0)
                    filled += read;
                if (filled > 0) _full.Writer.TryWrite(new Chunk(buffer, filled));
                buffer = null;
                if (filled < _chunkSize) break;
            }
        }
        catch (Exception e)
        {
            // What was read before the failure is still the stream's: the reader gets it, then the exception.
            if (buffer is not null && filled > 0) _full.Writer.TryWrite(new Chunk(buffer, filled));
            _failure = e;
        }
        finally
        {
            _full.Writer.TryComplete();
        }
    }

    /// <summary>Reads and discards the rest of the stream, so every check at its end runs.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        while (await NextChunkAsync(ct).ConfigureAwait(false)) _offset = _current.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            StopProducer();
            // ProduceAsync records its failures instead of throwing, so waiting for it cannot throw.
            _producer?.GetAwaiter().GetResult();
            if (!_leaveOpen) _inner.Dispose();
            _stop.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            StopProducer();
            if (_producer is not null) await _producer.ConfigureAwait(false);
            if (!_leaveOpen) await _inner.DisposeAsync().ConfigureAwait(false);
            _stop.Dispose();
        }
        Dispose(false);
        GC.SuppressFinalize(this);
    }

    private void StopProducer() => _stop.Cancel();
}
