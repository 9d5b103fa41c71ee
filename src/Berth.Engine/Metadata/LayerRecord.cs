using Berth.Oci;

namespace Berth.Engine.Metadata;

/// <summary>An unpacked layer: one per chain ID, shared by every image whose layer stack starts with that chain.</summary>
internal sealed record LayerRecord(Digest ChainId, Digest DiffId, Digest? ParentChainId, long Size);
