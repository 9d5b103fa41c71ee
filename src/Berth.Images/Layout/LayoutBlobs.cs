using Berth.Content;
using Berth.Images.Streams;
using Berth.Oci;

namespace Berth.Images.Layout;

/// <summary>
/// The blobs a layout writer will emit, each once, written in digest order so the output is the same for the
/// same images whatever order they were listed in. Blobs copied from the store are re-hashed on the way out,
/// so a corrupt store never produces an archive that looks valid.
/// </summary>
internal sealed class LayoutBlobs(IContentProvider provider)
{
    private readonly SortedDictionary<string, Source> _blobs = new(StringComparer.Ordinal);

    private sealed record Source(Digest Digest, long Size, byte[]? Bytes, string? File);

    public bool Contains(Digest digest) => _blobs.ContainsKey(LayoutPaths.BlobPath(digest));

    public Descriptor AddBytes(byte[] bytes, string mediaType)
    {
        var digest = Digest.Compute(bytes);
        _blobs.TryAdd(LayoutPaths.BlobPath(digest), new Source(digest, bytes.Length, bytes, null));
        return new Descriptor { MediaType = mediaType, Digest = digest, Size = bytes.Length };
    }

    /// <summary>A blob copied from the content store; its stored size must be <paramref name="size"/> when given.</summary>
    public long AddStored(Digest digest, long? size)
    {
        var info = provider.Info(digest) ?? throw BerthException.NotFound($"content {digest}: not found");
        if (size is { } want && want != info.Size)
            throw new BerthException(ErrorKind.Internal, $"content {digest}: stored size {info.Size} differs from descriptor size {want}");
        _blobs.TryAdd(LayoutPaths.BlobPath(digest), new Source(digest, info.Size, null, null));
        return info.Size;
    }

    /// <summary>A blob already written, verified, to a temporary file.</summary>
    public void AddFile(Digest digest, string path, long size) =>
        _blobs.TryAdd(LayoutPaths.BlobPath(digest), new Source(digest, size, null, path));

    public async Task WriteAsync(ILayoutSink sink, CancellationToken ct)
    {
        await sink.AddDirectoryAsync("blobs/", ct).ConfigureAwait(false);
        foreach (var algorithm in _blobs.Values.Select(b => b.Digest.Algorithm).Append(Digest.Sha256).Distinct().Order(StringComparer.Ordinal))
            await sink.AddDirectoryAsync($"blobs/{algorithm}/", ct).ConfigureAwait(false);
        foreach (var (name, blob) in _blobs)
        {
            if (blob.Bytes is not null)
            {
                await using var bytes = new MemoryStream(blob.Bytes, writable: false);
                await sink.AddFileAsync(name, bytes, blob.Size, ct).ConfigureAwait(false);
            }
            else if (blob.File is not null)
            {
                await using var file = new FileStream(blob.File, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
                await sink.AddFileAsync(name, file, blob.Size, ct).ConfigureAwait(false);
            }
            else
            {
                await using var hashing = new HashingReadStream(provider.OpenRead(blob.Digest), leaveOpen: false);
                await sink.AddFileAsync(name, hashing, blob.Size, ct).ConfigureAwait(false);
                hashing.Verify(blob.Digest, $"content {blob.Digest}");
            }
        }
    }
}
