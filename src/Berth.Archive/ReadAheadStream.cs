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
/// <para>An observer, when given, is shown every chunk in order on a task of its own, beside the reader rather than
/// before it: hashing the bytes then takes a core of its own instead of lengthening the inner stream's stage. A
/// chunk is refilled only when both are done with it, and the end reaches the reader only after the observer saw
/// the last chunk, so what it computed is complete when the reader sees the end.</para>
/// </summary>
internal sealed class ReadAheadStream : ForwardReadStream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly Channel<Chunk> _free;
    private readonly Channel<Chunk> _full;
    private readonly Action<ReadOnlyMemory<byte>>? _observer;
    private readonly Channel<Chunk>? _toObserve;
    private readonly CancellationTokenSource _stop = new();
    private readonly int _chunkSize;
    private Task? _producer;
    private Exception? _failure;
    private Chunk? _current;
    private int _offset;
    private bool _ended;
    private bool _disposed;

    public ReadAheadStream(Stream inner, int chunkSize, int depth, bool leaveOpen, Action<ReadOnlyMemory<byte>>? observer = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        _inner = inner;
        _leaveOpen = leaveOpen;
        _chunkSize = chunkSize;
        _observer = observer;
        // Both the reader and the observer hand chunks back.
        _free = Channel.CreateUnbounded<Chunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        _full = Channel.CreateUnbounded<Chunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        if (observer is not null) _toObserve = Channel.CreateUnbounded<Chunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        // One chunk more than the depth, so the one the reader is serving from does not hold the producer back, and
        // one more for the observer's.
        var chunks = depth + 1 + (observer is null ? 0 : 1);
        for (var i = 0; i < chunks; i++) _free.Writer.TryWrite(new Chunk(new byte[chunkSize]));
    }

    /// <summary>A buffer and how much of it is filled; it returns to the free list when its last holder lets go.</summary>
    private sealed class Chunk(byte[] buffer)
    {
        public readonly byte[] Buffer = buffer;
        public int Length;
        public int Holders;
    }

    private int Available => _current is null ? 0 : _current.Length - _offset;

    private void Release(Chunk chunk)
    {
        if (Interlocked.Decrement(ref chunk.Holders) == 0) _free.Writer.TryWrite(chunk);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        if (Available == 0 && !NextChunkAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()) return 0;
        return Take(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (buffer.IsEmpty) return ValueTask.FromResult(0);
        if (Available > 0) return ValueTask.FromResult(Take(buffer.Span));
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
        if (Available == 0 && !await NextChunkAsync(ct).ConfigureAwait(false)) return ReadOnlyMemory<byte>.Empty;
        var n = Math.Min(maxLength, Available);
        var segment = _current!.Buffer.AsMemory(_offset, n);
        _offset += n;
        return segment;
    }

    private int Take(Span<byte> destination)
    {
        var n = Math.Min(destination.Length, Available);
        _current!.Buffer.AsSpan(_offset, n).CopyTo(destination);
        _offset += n;
        return n;
    }

    /// <summary>Recycles the exhausted chunk and waits for the next; false at the end of the inner stream.</summary>
    private async ValueTask<bool> NextChunkAsync(CancellationToken ct)
    {
        if (_ended) return false;
        _producer ??= Task.Run(ProduceAsync);
        if (_current is not null) Release(_current);
        _current = null;
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
        var observing = _toObserve is null ? null : Task.Run(() => ObserveAsync(ct));
        Chunk? chunk = null;
        try
        {
            while (true)
            {
                chunk = await _free.Reader.ReadAsync(ct).ConfigureAwait(false);
                chunk.Length = 0;
                int read;
                // Filling whole chunks keeps hand-overs few; a short read of a socket or decompressor is common.
                while (chunk.Length < chunk.Buffer.Length && (read = await _inner.ReadAsync(chunk.Buffer.AsMemory(chunk.Length), ct).ConfigureAwait(false)) > 0)
                    chunk.Length += read;
                var filled = chunk.Length;
                HandOver(chunk);
                chunk = null;
                if (filled < _chunkSize) break;
            }
        }
        catch (Exception e)
        {
            // What was read before the failure is still the stream's: the reader gets it, then the exception.
            if (chunk is not null) HandOver(chunk);
            Fail(e);
        }
        finally
        {
            if (observing is not null)
            {
                _toObserve!.Writer.TryComplete();
                // ObserveAsync records its failure instead of throwing.
                await observing.ConfigureAwait(false);
            }
            _full.Writer.TryComplete();
        }
    }

    private void HandOver(Chunk chunk)
    {
        if (chunk.Length == 0)
        {
            _free.Writer.TryWrite(chunk);
            return;
        }
        chunk.Holders = _toObserve is null ? 1 : 2;
        _toObserve?.Writer.TryWrite(chunk);
        _full.Writer.TryWrite(chunk);
    }

    private async Task ObserveAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var chunk in _toObserve!.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                _observer!(chunk.Buffer.AsMemory(0, chunk.Length));
                Release(chunk);
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void Fail(Exception e) => Interlocked.CompareExchange(ref _failure, e, null);

    /// <summary>Reads and discards the rest of the stream, so every check at its end runs.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        while (await NextChunkAsync(ct).ConfigureAwait(false)) _offset = _current!.Length;
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
