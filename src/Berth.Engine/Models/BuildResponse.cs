using Berth.Oci;

namespace Berth.Engine.Models;

/// <summary>What a build made: the image's ID (its config digest) and the names it was given.</summary>
public sealed record BuildResponse(Digest ImageId, IReadOnlyList<Reference> Names);
