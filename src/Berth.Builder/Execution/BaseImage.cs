using Berth.Oci;

namespace Berth.Builder.Execution;

/// <summary>An image a stage starts from (FROM) or copies from (COPY --from): its ID, config and layers.</summary>
public sealed record BaseImage(Digest Id, ImageConfig Config, IReadOnlyList<BuildLayer> Layers);
