using Berth.Oci;

namespace Berth.Archive.Changes;

/// <summary>What <see cref="UpperLayerWriter.WriteAsync"/> wrote.</summary>
public sealed record LayerWriteResult
{
    /// <summary>sha256 of the uncompressed tar, end blocks included: the layer's OCI diffID.</summary>
    public required Digest DiffId { get; init; }

    /// <summary>Bytes of the uncompressed tar.</summary>
    public required long Size { get; init; }
}
