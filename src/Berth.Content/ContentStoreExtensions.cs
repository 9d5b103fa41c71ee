using Berth.Oci;

namespace Berth.Content;

public static class ContentStoreExtensions
{
    /// <summary>Streams <paramref name="source"/> into the store and commits it; verifies when expectations are given.</summary>
    public static async Task<ContentInfo> IngestAsync(this IContentIngester ingester, Stream source, Digest? expectedDigest, long? expectedSize, CancellationToken ct)
    {
        var reference = expectedDigest?.ToString() ?? "upload-" + Guid.NewGuid().ToString("N");
        await using var writer = ingester.BeginWrite(reference);
        writer.Truncate();
        await source.CopyToAsync(writer, 1 << 20, ct).ConfigureAwait(false);
        return await writer.CommitAsync(expectedDigest, expectedSize, ct).ConfigureAwait(false);
    }

    public static Task<ContentInfo> IngestAsync(this IContentIngester ingester, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        var digest = Digest.Compute(bytes.Span);
        return ingester.IngestAsync(new MemoryStream(bytes.ToArray(), writable: false), digest, bytes.Length, ct);
    }

    public static async Task<byte[]> ReadAllBytesAsync(this IContentProvider provider, Digest digest, long maxSize, CancellationToken ct)
    {
        var info = provider.Info(digest) ?? throw BerthException.NotFound($"content {digest}: not found");
        if (info.Size > maxSize) throw BerthException.Invalid($"content {digest}: {info.Size} bytes is larger than the {maxSize}-byte limit");
        ct.ThrowIfCancellationRequested();
        // Read in place: the size is bounded, the file local, and an asynchronous read of a file is a synchronous
        // one on a pool thread, whose first use costs a command such as run (which reads an image config before
        // anything else needs the pool) a few milliseconds of start-up.
        await using var stream = provider.OpenRead(digest);
        var bytes = new byte[info.Size];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
