using Berth.Oci;

namespace Berth.Builder.Execution;

/// <summary>What a build made: the target stage's image config and layers, ready to be stored as an image.</summary>
public sealed record BuildOutcome(ImageConfig Config, IReadOnlyList<BuildLayer> Layers);
