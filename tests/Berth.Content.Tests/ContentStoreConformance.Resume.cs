using Berth.Oci;

namespace Berth.Content.Tests;

public abstract partial class ContentStoreConformance
{
    [Fact]
    public async Task Resume_AfterKeptPartial_ContinuesAtOffsetAndVerifies()
    {
        var bytes = RandomBytes(200_000, 10);
        var half = bytes.Length / 2;
        var digest = Digest.Compute(bytes);

        var first = Store.Ingester.BeginWrite(digest.ToString());
        await first.WriteAsync(bytes.AsMemory(0, half));
        first.KeepPartialOnAbort = true;
        await first.DisposeAsync();
        Assert.Null(Store.Provider.Info(digest));
        Assert.Single(Store.PartialWrites());

        await using var second = Store.Ingester.BeginWrite(digest.ToString());
        Assert.Equal(half, second.Offset);
        await second.WriteAsync(bytes.AsMemory(half));
        var info = await second.CommitAsync(digest, bytes.Length, CancellationToken.None);

        Assert.Equal(new ContentInfo(digest, bytes.Length), info);
        Assert.Equal(bytes, await ReadAsync(Store.Provider, digest));
        Assert.Empty(Store.PartialWrites());
    }

    [Fact]
    public async Task Resume_OfABlobLargerThanTheWritebackStep_InUnevenWrites_CommitsTheSameBytes()
    {
        // Over 8 MiB on each side of the resume, so writeback is started mid-blob in both writers.
        var bytes = RandomBytes(20 << 20, 14);
        var digest = Digest.Compute(bytes);
        var cut = (9 << 20) + 12_345;

        var first = Store.Ingester.BeginWrite(digest.ToString());
        for (var at = 0; at < cut; at += 700_001) await first.WriteAsync(bytes.AsMemory(at, Math.Min(700_001, cut - at)));
        first.KeepPartialOnAbort = true;
        await first.DisposeAsync();

        await using var second = Store.Ingester.BeginWrite(digest.ToString());
        Assert.Equal(cut, second.Offset);
        for (var at = cut; at < bytes.Length; at += 1_000_003) second.Write(bytes.AsSpan(at, Math.Min(1_000_003, bytes.Length - at)));
        await second.CommitAsync(digest, bytes.Length, CancellationToken.None);

        Assert.Equal(bytes, await ReadAsync(Store.Provider, digest));
        Assert.Empty(Store.PartialWrites());
    }

    [Fact]
    public async Task Resume_WithCorruptedPrefix_FailsVerification()
    {
        var bytes = RandomBytes(10_000, 11);
        var digest = Digest.Compute(bytes);
        var corrupt = (byte[])bytes.Clone();
        corrupt[0] ^= 0xff;

        var first = Store.Ingester.BeginWrite(digest.ToString());
        await first.WriteAsync(corrupt.AsMemory(0, 5000));
        first.KeepPartialOnAbort = true;
        await first.DisposeAsync();

        await using var second = Store.Ingester.BeginWrite(digest.ToString());
        await second.WriteAsync(bytes.AsMemory(second.Offset == 5000 ? 5000 : 0));
        await Assert.ThrowsAsync<BerthException>(() => second.CommitAsync(digest, bytes.Length, CancellationToken.None));
        Assert.Null(Store.Provider.Info(digest));
    }

    [Fact]
    public async Task Truncate_DiscardsKeptPartial()
    {
        var bytes = RandomBytes(4000, 12);
        var first = Store.Ingester.BeginWrite("truncate");
        await first.WriteAsync(RandomBytes(1000, 13));
        first.KeepPartialOnAbort = true;
        await first.DisposeAsync();

        await using var second = Store.Ingester.BeginWrite("truncate");
        second.Truncate();
        Assert.Equal(0, second.Offset);
        await second.WriteAsync(bytes);
        var info = await second.CommitAsync(Digest.Compute(bytes), bytes.Length, CancellationToken.None);
        Assert.Equal(bytes, await ReadAsync(Store.Provider, info.Digest));
    }

    [Fact]
    public async Task TwoWriters_SameContent_OneBlob()
    {
        var bytes = RandomBytes(50_000, 14);
        var a = await Store.Ingester.IngestAsync(new MemoryStream(bytes), null, null, CancellationToken.None);
        var b = await Store.Ingester.IngestAsync(new MemoryStream(bytes), null, null, CancellationToken.None);
        Assert.Equal(a, b);
        Assert.Single(Store.Manager.Walk());
        Assert.Equal(bytes, await ReadAsync(Store.Provider, a.Digest));
    }

    [Fact]
    public async Task TwoOpenWriters_DifferentRefs_SameContent_BothCommit()
    {
        var bytes = RandomBytes(50_000, 15);
        var digest = Digest.Compute(bytes);
        await using var a = Store.Ingester.BeginWrite("a");
        await using var b = Store.Ingester.BeginWrite("b");
        await a.WriteAsync(bytes);
        await b.WriteAsync(bytes);
        Assert.Equal(digest, (await a.CommitAsync(digest, bytes.Length, CancellationToken.None)).Digest);
        Assert.Equal(digest, (await b.CommitAsync(digest, bytes.Length, CancellationToken.None)).Digest);
        Assert.Single(Store.Manager.Walk());
        Assert.Empty(Store.PartialWrites());
    }

    [Fact]
    public async Task ConcurrentWriters_SameRef_Serialize()
    {
        const int writers = 4;
        var bytes = RandomBytes(256 * 1024, 16);
        var digest = Digest.Compute(bytes);
        var inside = 0;
        var maxInside = 0;

        async Task WriteOnce()
        {
            await Task.Yield();
            await using var writer = Store.Ingester.BeginWrite(digest.ToString());
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref maxInside, now);
            writer.Truncate();
            for (var offset = 0; offset < bytes.Length; offset += 32 * 1024)
            {
                await writer.WriteAsync(bytes.AsMemory(offset, 32 * 1024));
                await Task.Delay(5);
            }
            Interlocked.Decrement(ref inside);
            await writer.CommitAsync(digest, bytes.Length, CancellationToken.None);
        }

        var all = Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(WriteOnce)));
        await all.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, maxInside);
        Assert.Equal(bytes, await ReadAsync(Store.Provider, digest));
        Assert.Single(Store.Manager.Walk());
        Assert.Empty(Store.PartialWrites());
    }

    [Fact]
    public async Task BeginWrite_WaitingBehindAWriterThatCommits_Proceeds()
    {
        var bytes = RandomBytes(1000, 17);
        var digest = Digest.Compute(bytes);
        var first = Store.Ingester.BeginWrite(digest.ToString());
        var second = Task.Run(() => Store.Ingester.BeginWrite(digest.ToString()));
        await Task.Delay(200);
        Assert.False(second.IsCompleted);

        await first.WriteAsync(bytes);
        await first.CommitAsync(digest, bytes.Length, CancellationToken.None);
        await first.DisposeAsync();

        await using var writer = await second.WaitAsync(TimeSpan.FromSeconds(10));
        writer.Truncate();
        await writer.WriteAsync(bytes);
        Assert.Equal(digest, (await writer.CommitAsync(digest, bytes.Length, CancellationToken.None)).Digest);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
