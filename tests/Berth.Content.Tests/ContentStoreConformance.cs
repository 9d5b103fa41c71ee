using System.Security.Cryptography;
using Berth.Oci;

namespace Berth.Content.Tests;

/// <summary>
/// The content seam's contract (DESIGN.md, "content provider / ingester / manager"): every implementation
/// derives from this class and runs all of it. Partials split it by concern: reading and writing here,
/// resume and concurrency in <c>.Resume</c>, walking and pruning in <c>.Manage</c>.
/// </summary>
public abstract partial class ContentStoreConformance : IDisposable
{
    // The store gets a directory inside a private one, so escape checks can look at its parent without seeing
    // what other tests do in /tmp at the same time.
    private readonly string _parent = Directory.CreateTempSubdirectory("berth-content-").FullName;
    private readonly string _root;
    private StoreUnderTest? _store;

    /// <summary>Opens the implementation under test on an empty directory of its own.</summary>
    protected abstract StoreUnderTest Open(string root);

    protected StoreUnderTest Store => _store ??= Open(_root);

    protected ContentStoreConformance()
    {
        _root = Path.Combine(_parent, "store");
        Directory.CreateDirectory(_root);
    }

    protected string Root => _root;

    protected static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected static async Task<byte[]> ReadAsync(IContentProvider provider, Digest digest)
    {
        await using var stream = provider.OpenRead(digest);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task Ingest_ReadsBackTheSameBytes()
    {
        var bytes = RandomBytes(300_000, 1);
        var info = await Store.Ingester.IngestAsync(bytes, CancellationToken.None);

        Assert.Equal(Digest.FromSha256Hash(SHA256.HashData(bytes)), info.Digest);
        Assert.Equal(bytes.Length, info.Size);
        Assert.Equal(info, Store.Provider.Info(info.Digest));
        Assert.Equal(bytes, await ReadAsync(Store.Provider, info.Digest));
        Assert.Empty(Store.PartialWrites());
    }

    [Fact]
    public async Task Ingest_StreamWithoutExpectations_ComputesDigest()
    {
        var bytes = RandomBytes(1000, 2);
        var info = await Store.Ingester.IngestAsync(new MemoryStream(bytes), null, null, CancellationToken.None);
        Assert.Equal(Digest.Compute(bytes), info.Digest);
        Assert.Equal(bytes, await ReadAsync(Store.Provider, info.Digest));
    }

    [Fact]
    public async Task Ingest_EmptyBlob_IsStored()
    {
        var info = await Store.Ingester.IngestAsync(ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        Assert.Equal(0, info.Size);
        Assert.Equal(Digest.Compute([]), info.Digest);
        Assert.Empty(await ReadAsync(Store.Provider, info.Digest));
    }

    [Fact]
    public void Absent_InfoIsNull_OpenReadIsNotFound()
    {
        var digest = Digest.Compute("absent"u8);
        Assert.Null(Store.Provider.Info(digest));
        var thrown = Assert.Throws<BerthException>(() => Store.Provider.OpenRead(digest));
        Assert.Equal(ErrorKind.NotFound, thrown.Kind);
    }

    [Fact]
    public async Task Commit_WrongDigest_ThrowsAndLeavesNothing()
    {
        var bytes = RandomBytes(5000, 3);
        var wrong = Digest.Compute("something else"u8);
        await using (var writer = Store.Ingester.BeginWrite("wrong-digest"))
        {
            await writer.WriteAsync(bytes);
            var thrown = await Assert.ThrowsAsync<BerthException>(() => writer.CommitAsync(wrong, bytes.Length, CancellationToken.None));
            Assert.Equal(ErrorKind.InvalidArgument, thrown.Kind);
            Assert.Contains(wrong.ToString(), thrown.Message, StringComparison.Ordinal);
        }
        Assert.Null(Store.Provider.Info(wrong));
        Assert.Null(Store.Provider.Info(Digest.Compute(bytes)));
        Assert.Empty(Store.Manager.Walk());
        Assert.Empty(Store.PartialWrites());
    }

    [Fact]
    public async Task Commit_WrongSize_ThrowsAndLeavesNothing()
    {
        var bytes = RandomBytes(5000, 4);
        var digest = Digest.Compute(bytes);
        await using (var writer = Store.Ingester.BeginWrite(digest.ToString()))
        {
            await writer.WriteAsync(bytes);
            var thrown = await Assert.ThrowsAsync<BerthException>(() => writer.CommitAsync(digest, bytes.Length + 1, CancellationToken.None));
            Assert.Equal(ErrorKind.InvalidArgument, thrown.Kind);
        }
        Assert.Null(Store.Provider.Info(digest));
        Assert.Empty(Store.Manager.Walk());
        Assert.Empty(Store.PartialWrites());
    }

    [Fact]
    public async Task Commit_WrongDigest_ThenIngestOfRightContent_Works()
    {
        var bytes = RandomBytes(100, 5);
        await using (var writer = Store.Ingester.BeginWrite("retry"))
        {
            await writer.WriteAsync(bytes);
            await Assert.ThrowsAsync<BerthException>(() => writer.CommitAsync(Digest.Compute([]), null, CancellationToken.None));
        }
        await using (var writer = Store.Ingester.BeginWrite("retry"))
        {
            Assert.Equal(0, writer.Offset);
            await writer.WriteAsync(bytes);
            var info = await writer.CommitAsync(Digest.Compute(bytes), bytes.Length, CancellationToken.None);
            Assert.Equal(bytes, await ReadAsync(Store.Provider, info.Digest));
        }
    }

    [Fact]
    public async Task Writer_DisposedWithoutCommit_LeavesNoBlobAndNoPartial()
    {
        await using (var writer = Store.Ingester.BeginWrite("abandoned"))
        {
            await writer.WriteAsync(RandomBytes(100, 6));
        }
        Assert.Empty(Store.Manager.Walk());
        Assert.Empty(Store.PartialWrites());
    }

    [Fact]
    public async Task ReadAllBytes_EnforcesTheSizeCap()
    {
        var bytes = RandomBytes(1024, 7);
        var info = await Store.Ingester.IngestAsync(bytes, CancellationToken.None);

        Assert.Equal(bytes, await Store.Provider.ReadAllBytesAsync(info.Digest, 1024, CancellationToken.None));
        var tooBig = await Assert.ThrowsAsync<BerthException>(() => Store.Provider.ReadAllBytesAsync(info.Digest, 1023, CancellationToken.None));
        Assert.Equal(ErrorKind.InvalidArgument, tooBig.Kind);
        var missing = await Assert.ThrowsAsync<BerthException>(() => Store.Provider.ReadAllBytesAsync(Digest.Compute([]), 10, CancellationToken.None));
        Assert.Equal(ErrorKind.NotFound, missing.Kind);
    }

    public void Dispose()
    {
        try { Directory.Delete(_parent, recursive: true); }
        catch (DirectoryNotFoundException) { }
        GC.SuppressFinalize(this);
    }
}
