using System.Text.Json;
using Berth.Content;
using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Images.Layout;

/// <summary>What writers need from an image in the store: its config bytes, parsed config and tagged names.</summary>
internal sealed record StoredImage(ImageToSave Image, byte[] ConfigBytes, ImageConfig Config, IReadOnlyList<Reference> Tags)
{
    public static async Task<StoredImage> LoadAsync(ImageToSave image, IContentProvider provider, CancellationToken ct)
    {
        var bytes = await provider.ReadAllBytesAsync(image.ConfigDigest, LayoutScanner.MaxJsonSize, ct).ConfigureAwait(false);
        if (Digest.Compute(bytes) != image.ConfigDigest)
            throw new BerthException(ErrorKind.Internal, $"content {image.ConfigDigest}: digest mismatch");
        ImageConfig config;
        try
        {
            config = JsonSerializer.Deserialize(bytes, OciJsonContext.Default.ImageConfig) ?? throw new JsonException("null config");
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"config {image.ConfigDigest}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        if (config.RootFs.DiffIds.Count != image.Manifest.Layers.Count)
            throw BerthException.Invalid($"config {image.ConfigDigest} lists {config.RootFs.DiffIds.Count} diff_ids but its manifest lists {image.Manifest.Layers.Count} layers");
        var tags = image.RepoTags
            .Select(Reference.Parse)
            .Where(r => r.Tag is not null)
            .DistinctBy(r => r.ToString())
            .ToList();
        return new StoredImage(image, bytes, config, tags);
    }

    /// <summary>The platform the config declares, for index descriptors; null when it declares none.</summary>
    public Platform? Platform => Config.Architecture.Length == 0 || Config.Os.Length == 0
        ? null
        : new Platform { Architecture = Config.Architecture, Os = Config.Os, OsVersion = Config.OsVersion, Variant = Config.Variant };

    public static IReadOnlyDictionary<string, string> NameAnnotations(Reference tag, string refName) =>
        new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [Annotations.ContainerdImageName] = tag.ToString(),
            [Annotations.RefName] = refName,
        };

    public static byte[] Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.SerializeToUtf8Bytes(value, type);
}
