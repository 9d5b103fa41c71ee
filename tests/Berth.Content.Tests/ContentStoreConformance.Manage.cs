using Berth.Oci;

namespace Berth.Content.Tests;

public abstract partial class ContentStoreConformance
{
    [Fact]
    public async Task Walk_ListsEveryCommittedBlob()
    {
        var infos = new List<ContentInfo>();
        for (var i = 0; i < 5; i++) infos.Add(await Store.Ingester.IngestAsync(RandomBytes(100 + i, 20 + i), CancellationToken.None));
        Assert.Equal(infos.OrderBy(i => i.Digest.Encoded), Store.Manager.Walk().OrderBy(i => i.Digest.Encoded));
    }

    [Fact]
    public async Task Delete_RemovesBlob_AndAbsentIsNoError()
    {
        var keep = await Store.Ingester.IngestAsync(RandomBytes(10, 30), CancellationToken.None);
        var drop = await Store.Ingester.IngestAsync(RandomBytes(10, 31), CancellationToken.None);
        Store.Manager.Delete(drop.Digest);
        Store.Manager.Delete(drop.Digest);
        Store.Manager.Delete(Digest.Compute("never stored"u8));

        Assert.Null(Store.Provider.Info(drop.Digest));
        Assert.Equal([keep], Store.Manager.Walk());
        Assert.Throws<BerthException>(() => Store.Provider.OpenRead(drop.Digest));
    }

    [Fact]
    public async Task Delete_WhileReading_ReaderKeepsItsBytes()
    {
        var bytes = RandomBytes(100_000, 32);
        var info = await Store.Ingester.IngestAsync(bytes, CancellationToken.None);
        await using var stream = Store.Provider.OpenRead(info.Digest);
        Store.Manager.Delete(info.Digest);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task PruneIngests_RemovesOldPartials_KeepsHeldAndYoungOnes()
    {
        var kept = Store.Ingester.BeginWrite("old-partial");
        await kept.WriteAsync(RandomBytes(100, 33));
        kept.KeepPartialOnAbort = true;
        await kept.DisposeAsync();
        Assert.Single(Store.PartialWrites());

        Store.Manager.PruneIngests(TimeSpan.FromHours(1));
        Assert.Single(Store.PartialWrites());

        await Task.Delay(20);
        Store.Manager.PruneIngests(TimeSpan.Zero);
        Assert.Empty(Store.PartialWrites());
    }

    [Fact]
    public async Task PruneIngests_LeavesALiveWriterAlone()
    {
        var bytes = RandomBytes(1000, 34);
        await using var writer = Store.Ingester.BeginWrite("live");
        await writer.WriteAsync(bytes.AsMemory(0, 500));
        await Task.Delay(20);
        Store.Manager.PruneIngests(TimeSpan.Zero);
        await writer.WriteAsync(bytes.AsMemory(500));
        var info = await writer.CommitAsync(Digest.Compute(bytes), bytes.Length, CancellationToken.None);
        Assert.Equal(bytes, await ReadAsync(Store.Provider, info.Digest));
    }

    [Theory]
    [InlineData("../../escape")]
    [InlineData("/etc/passwd")]
    [InlineData("sha256:../../x")]
    public async Task BeginWrite_HostileRef_StaysInsideTheStore(string reference)
    {
        var parent = Path.GetDirectoryName(Root)!;
        await using (var writer = Store.Ingester.BeginWrite(reference))
        {
            await writer.WriteAsync(RandomBytes(10, 35));
            await writer.CommitAsync(null, null, CancellationToken.None);
        }
        Assert.Single(Store.Manager.Walk());
        // Nothing appeared beside the store.
        Assert.Equal([Root], Directory.EnumerateFileSystemEntries(parent));
    }
}
