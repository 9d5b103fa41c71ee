using Berth.Oci;

namespace Berth.Engine.Images;

/// <summary>One pushed tag: the manifest digest and size the registry now serves for it.</summary>
public sealed record PushResult(Reference Reference, Digest Digest, long Size);
