using Berth.Oci;

namespace Berth.Archive;

/// <summary>What applying a layer produced.</summary>
public sealed record LayerApplyResult
{
    /// <summary>sha256 of the whole uncompressed stream, end blocks and trailing bytes included (the OCI diffID).</summary>
    public required Digest DiffId { get; init; }

    /// <summary>Length of the uncompressed stream the diffID covers.</summary>
    public required long UncompressedSize { get; init; }

    /// <summary>The compression found by magic bytes.</summary>
    public required LayerCompression Compression { get; init; }

    /// <summary>Entries read, extension headers not counted.</summary>
    public required int EntryCount { get; init; }

    /// <summary>
    /// Apparent size of what the layer wrote: regular file sizes plus symlink target lengths, hardlinks not
    /// counted again — what docker reports as a layer's size, without walking the tree a second time. (A path
    /// written twice by one layer counts twice; layer writers do not produce that.)
    /// </summary>
    public long ContentBytes { get; init; }

    /// <summary>Entry names left out on purpose (device nodes without privilege).</summary>
    public IReadOnlyList<string> SkippedEntries { get; init; } = [];
}
