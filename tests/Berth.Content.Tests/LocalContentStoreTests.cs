namespace Berth.Content.Tests;

/// <summary>Runs the content conformance suite against <see cref="LocalContentStore"/>.</summary>
public sealed class LocalContentStoreTests : ContentStoreConformance
{
    protected override StoreUnderTest Open(string root)
    {
        var store = new LocalContentStore(root);
        var ingest = Path.Combine(root, "ingest");
        return new StoreUnderTest(store, store, store,
            () => Directory.Exists(ingest) ? Directory.EnumerateDirectories(ingest).ToList() : []);
    }

    [Fact]
    public async Task Blob_LivesAtItsDigestPath()
    {
        var store = new LocalContentStore(Root);
        var info = await store.IngestAsync("hello"u8.ToArray(), CancellationToken.None);
        var path = Path.Combine(Root, "blobs", "sha256", info.Digest.Encoded);
        Assert.Equal(path, store.PathOf(info.Digest));
        Assert.Equal("hello", await File.ReadAllTextAsync(path));
    }
}
