using Berth.Oci;

namespace Berth.Engine.Metadata;

/// <summary>A row of the build cache: a step's key, the chain and blob of its layer (none for a config-only step), its times.</summary>
internal sealed record BuildCacheRecord(Digest Key, Digest? ChainId, Descriptor? Blob, DateTimeOffset Created, DateTimeOffset LastUsed);
