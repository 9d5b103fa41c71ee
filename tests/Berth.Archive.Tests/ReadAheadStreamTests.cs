namespace Berth.Archive.Tests;

public sealed class ReadAheadStreamTests
{
    private static byte[] Data(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        return data;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, int readSize)
    {
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0) output.Write(buffer, 0, read);
        return output.ToArray();
    }

    [Theory]
    [InlineData(0, 7)]
    [InlineData(1, 7)]
    [InlineData(4096, 512)]
    [InlineData(4096 * 3, 100_000)]
    [InlineData(100_003, 512)]
    public async Task ReadAsync_ServesTheInnerBytesInOrder(int length, int readSize)
    {
        var data = Data(length);
        await using var ahead = new ReadAheadStream(new NonSeekableStream(data), chunkSize: 4096, depth: 2, leaveOpen: false);

        Assert.Equal(data, await ReadAllAsync(ahead, readSize));
        Assert.Equal(0, await ahead.ReadAsync(new byte[10]));
    }

    [Fact]
    public void Read_Synchronous_ServesTheInnerBytesInOrder()
    {
        var data = Data(50_000);
        using var ahead = new ReadAheadStream(new NonSeekableStream(data), chunkSize: 8192, depth: 1, leaveOpen: false);
        var output = new MemoryStream();
        ahead.CopyTo(output, 1000);
        Assert.Equal(data, output.ToArray());
    }

    [Fact]
    public async Task ReadAsync_InnerFailsMidway_DeliversTheDataBeforeThenTheSameException()
    {
        var data = Data(10_000);
        var inner = new FailingStream(data, failAfter: 10_000, new InvalidDataException("corrupt input"));
        await using var ahead = new ReadAheadStream(inner, chunkSize: 1024, depth: 3, leaveOpen: false);
        var output = new MemoryStream();
        var buffer = new byte[333];

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            int read;
            while ((read = await ahead.ReadAsync(buffer)) > 0) output.Write(buffer, 0, read);
        });

        Assert.Equal("corrupt input", error.Message);
        Assert.Equal(data, output.ToArray());
    }

    [Fact]
    public async Task ReadAsync_InnerFailsAtItsEnd_TheReaderNeverSeesTheEnd()
    {
        // An ingesting download verifies the blob digest when its body ends; the reader must not see a clean end first.
        var inner = new FailingStream(Data(5000), failAfter: 5000, new IOException("digest mismatch"));
        await using var ahead = new ReadAheadStream(inner, chunkSize: 5000, depth: 1, leaveOpen: false);

        await Assert.ThrowsAsync<IOException>(() => ReadAllAsync(ahead, 5000));
    }

    [Fact]
    public async Task DrainAsync_ReadsTheInnerStreamToItsEnd()
    {
        var inner = new FailingStream(Data(70_000), failAfter: int.MaxValue, null);
        await using var ahead = new ReadAheadStream(inner, chunkSize: 4096, depth: 2, leaveOpen: true);
        Assert.Equal(10, await ahead.ReadAsync(new byte[10]));

        await ahead.DrainAsync(CancellationToken.None);

        Assert.True(inner.SawEnd);
        Assert.Equal(0, await ahead.ReadAsync(new byte[10]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DisposeAsync_BeforeTheEnd_StopsReadingAndDisposesTheInnerStreamUnlessLeftOpen(bool leaveOpen)
    {
        var inner = new FailingStream(Data(1 << 20), failAfter: int.MaxValue, null);
        var ahead = new ReadAheadStream(inner, chunkSize: 4096, depth: 2, leaveOpen);
        Assert.Equal(100, await ahead.ReadAsync(new byte[100]));

        await ahead.DisposeAsync();
        var readsAfterDispose = inner.Reads;
        await Task.Delay(50);

        Assert.Equal(readsAfterDispose, inner.Reads);
        Assert.False(inner.SawEnd);
        Assert.Equal(!leaveOpen, inner.Disposed);
    }

    [Fact]
    public async Task ReadAsync_CancelledWhileWaiting_Throws()
    {
        await using var ahead = new ReadAheadStream(new StallingStream(), chunkSize: 1024, depth: 1, leaveOpen: false);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ahead.ReadAsync(new byte[10], cts.Token).AsTask());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4096 * 5)]
    [InlineData(100_003)]
    public async Task Observer_SeesEveryByteInOrder_BeforeTheReaderSeesTheEnd(int length)
    {
        var data = Data(length);
        var observed = new MemoryStream();
        // A slow observer: the producer must not refill a chunk it still holds, however far ahead the reader gets.
        await using var ahead = new ReadAheadStream(new NonSeekableStream(data), chunkSize: 4096, depth: 2, leaveOpen: false,
            observer: chunk =>
            {
                Thread.Sleep(1);
                observed.Write(chunk.Span);
            });

        var read = await ReadAllAsync(ahead, 1000);

        Assert.Equal(data, read);
        Assert.Equal(data, observed.ToArray());
    }

    [Fact]
    public async Task Observer_Throws_TheReaderGetsTheExceptionInsteadOfTheEnd()
    {
        var data = Data(20_000);
        var calls = 0;
        await using var ahead = new ReadAheadStream(new NonSeekableStream(data), chunkSize: 4096, depth: 2, leaveOpen: false,
            observer: _ =>
            {
                if (++calls == 2) throw new InvalidOperationException("observer broke");
            });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAllAsync(ahead, 1000));
        Assert.Equal("observer broke", error.Message);
    }

    [Fact]
    public async Task Observer_DisposedBeforeTheEnd_StopsWithoutThrowing()
    {
        var observed = 0;
        var ahead = new ReadAheadStream(new NonSeekableStream(Data(1 << 20)), chunkSize: 4096, depth: 2, leaveOpen: false,
            observer: chunk => Interlocked.Add(ref observed, chunk.Length));
        Assert.Equal(100, await ahead.ReadAsync(new byte[100]));

        await ahead.DisposeAsync();

        Assert.InRange(Volatile.Read(ref observed), 4096, (1 << 20) - 1);
    }

    /// <summary>Serves <c>data</c> in uneven reads, then throws <c>failure</c> (or ends) once <c>failAfter</c> bytes are out.</summary>
    private sealed class FailingStream(byte[] data, int failAfter, Exception? failure) : ForwardReadStream
    {
        private int _position;
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);
        public bool SawEnd { get; private set; }
        public bool Disposed { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Interlocked.Increment(ref _reads);
            if (_position >= Math.Min(failAfter, data.Length) && failure is not null) throw failure;
            var n = Math.Min(Math.Min(count, 777), data.Length - _position);
            if (n == 0) SawEnd = true;
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    /// <summary>A body that never sends anything until cancelled.</summary>
    private sealed class StallingStream : ForwardReadStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
