using Berth.Oci;

namespace Berth.Engine.Images;

/// <summary>One pulled reference: the digest the registry served for it and whether anything changed locally.</summary>
public sealed record PullResult(Reference Reference, Digest Digest, Digest ImageId, bool Updated);
