using Berth.Oci;

namespace Berth.Builder.Execution;

/// <summary>One layer of a build's root filesystem: its uncompressed digest and the blob that holds it.</summary>
public sealed record BuildLayer(Digest DiffId, Descriptor Blob);
