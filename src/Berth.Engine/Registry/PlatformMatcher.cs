using Berth.Oci;

namespace Berth.Engine.Registry;

/// <summary>
/// Picks the manifest of an index for a platform as containerd's matcher does: os and architecture must
/// match; a requested variant must match, and without one the host's default variant is preferred (arm64 →
/// v8) but any variant is accepted. Attestation manifests (unknown/unknown) never match.
/// </summary>
internal static class PlatformMatcher
{
    public static Descriptor? Select(ImageIndex index, Platform wanted)
    {
        var candidates = index.Manifests
            .Where(m => m.Platform is { } p && p.Os == wanted.Os && p.Architecture == wanted.Architecture)
            .ToList();
        if (wanted.Variant is { } variant)
        {
            var exact = candidates.FirstOrDefault(m => m.Platform!.Variant == variant);
            if (exact is not null) return exact;
            // arm64 images often omit "v8"; an unspecified variant is the default one.
            return variant == "v8" ? candidates.FirstOrDefault(m => m.Platform!.Variant is null) : null;
        }
        return candidates.FirstOrDefault(m => m.Platform!.Variant is null) ?? candidates.FirstOrDefault();
    }
}
