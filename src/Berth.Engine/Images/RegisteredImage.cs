using Berth.Oci;

namespace Berth.Engine.Images;

/// <summary>The outcome of registering an image: its ID, its names, and names taken over from other images.</summary>
public sealed record RegisteredImage(Digest Id, IReadOnlyList<Reference> Names, IReadOnlyList<(Reference Name, Digest OldId)> Replaced);
