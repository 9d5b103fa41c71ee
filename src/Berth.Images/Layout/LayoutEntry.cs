using Berth.Oci;

namespace Berth.Images.Layout;

/// <summary>
/// A regular file seen in an archive or layout directory. Blobs are in the content store under
/// <see cref="Digest"/>; <see cref="Json"/> holds a copy of small JSON-looking files; <see cref="Compression"/>
/// is what the first bytes say (null: neither gzip, zstd nor tar) and <see cref="DiffId"/> the digest of the
/// decompressed bytes (null when they could not be decompressed, with <see cref="Problem"/> saying why).
/// </summary>
internal sealed record LayoutEntry
{
    public required string Name { get; init; }
    public required Digest Digest { get; init; }
    public required long Size { get; init; }
    public LayerCompression? Compression { get; init; }
    public Digest? DiffId { get; init; }
    public string? Problem { get; init; }
    public byte[]? Json { get; init; }

    /// <summary>True when the bytes are in the content store (top-level metadata files are kept in memory only).</summary>
    public bool Stored { get; init; }
}
