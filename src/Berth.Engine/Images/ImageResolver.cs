using Berth.Engine.Metadata;
using Berth.Oci;

namespace Berth.Engine.Images;

/// <summary>
/// Finds the image a user means, in Docker's order: a full ID (<c>sha256:…</c>), then a reference
/// (<c>busybox</c> means <c>docker.io/library/busybox:latest</c>; <c>name@sha256:…</c> a digest reference), then
/// a unique ID prefix with or without <c>sha256:</c>.
/// </summary>
internal static class ImageResolver
{
    public static ResolvedImage? Find(IReadOnlyList<ImageRecord> images, string input)
    {
        if (input.Length == 0) return null;
        if (Digest.TryParse(input, out var fullId))
            return images.FirstOrDefault(i => i.Id == fullId) is { } byFullId ? new ResolvedImage(byFullId, null) : null;

        if (Reference.TryParse(input, out var reference, out _))
        {
            // A digest wins over a tag (busybox:1@sha256:… is looked up by digest), as docker does.
            var name = reference.Digest is { } digest ? reference.NameOnly().WithDigest(digest) : reference.WithDefaultTag();
            var key = name.ToString();
            foreach (var image in images)
            {
                if (image.Names.Any(n => n.Name == key)) return new ResolvedImage(image, name);
                if (name.Digest is { } d && image.ManifestDigest == d && image.DigestNames.Any(n => n.StartsWith(name.Name + "@", StringComparison.Ordinal)))
                    return new ResolvedImage(image, name);
            }
        }

        var prefix = input.StartsWith(Digest.Sha256 + ":", StringComparison.Ordinal) ? input[(Digest.Sha256.Length + 1)..] : input;
        if (prefix.Length == 0 || !prefix.All(char.IsAsciiHexDigitLower)) return null;
        var matches = images.Where(i => i.Id.Encoded.StartsWith(prefix, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count == 1 ? new ResolvedImage(matches[0], null) : null;
    }

    public static ResolvedImage Get(IReadOnlyList<ImageRecord> images, string input) =>
        Find(images, input) ?? throw BerthException.NotFound($"No such image: {NotFoundName(input)}");

    /// <summary>Docker names a missing image with its default tag added (<c>No such image: x:latest</c>).</summary>
    public static string NotFoundName(string input) =>
        Reference.TryParse(input, out var reference, out _) && !LooksLikeId(input) ? reference.WithDefaultTag().ToFamiliarString() : input;

    private static bool LooksLikeId(string input) => input.All(char.IsAsciiHexDigitLower) && input.Length >= 12 || input.StartsWith("sha256:", StringComparison.Ordinal);
}
