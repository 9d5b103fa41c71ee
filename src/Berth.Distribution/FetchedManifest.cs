using Berth.Oci;

namespace Berth.Distribution;

/// <summary>A manifest or index as the registry served it: its descriptor (digest over the exact bytes) and the bytes.</summary>
public sealed record FetchedManifest(Descriptor Descriptor, byte[] Content);
