using Berth.Content;
using Berth.Engine.Metadata;
using Berth.Engine.Storage;
using Berth.Oci;
using Berth.Oci.Json;
using System.Text.Json;

namespace Berth.Engine.Images;

/// <summary>
/// Images in the local store: load, save, import, tag, remove, list, inspect, history, prune. One operation per
/// partial file; all of them read and write names through the metadata database in single transactions.
/// </summary>
public sealed partial class ImageService
{
    private const long MaxManifestSize = 4 << 20;
    private const long MaxConfigSize = 64 << 20;

    private readonly MetadataStore _metadata;
    private readonly ImageTable _images;
    private readonly LocalContentStore _content;
    private readonly LayerUnpacker _unpacker;
    private readonly GarbageCollector _collector;
    private readonly StateLayout _layout;
    private readonly TimeProvider _time;
    private readonly Func<Distribution.IRegistryClient> _registry;
    private readonly int _maxConcurrentUploads;

    internal ImageService(MetadataStore metadata, ImageTable images, LocalContentStore content, LayerUnpacker unpacker,
        GarbageCollector collector, StateLayout layout, EngineOptions options, Func<Distribution.IRegistryClient> registry)
    {
        _maxConcurrentUploads = Math.Max(1, options.MaxConcurrentUploads);
        _registry = registry;
        _metadata = metadata;
        _images = images;
        _content = content;
        _unpacker = unpacker;
        _collector = collector;
        _layout = layout;
        _time = options.Time;
    }

    /// <summary>How Docker names a missing image in messages: the reference with its default tag added.</summary>
    public static string DisplayName(string input) => ImageResolver.NotFoundName(input);

    internal IReadOnlyList<ImageRecord> AllImages() => _metadata.Read(_images.All);

    /// <summary>Collects unreferenced blobs and snapshots now, unless another process is working on the store.</summary>
    internal void CollectGarbage() => _collector.TryCollect();

    internal async Task<ImageManifest> ReadManifestAsync(Digest digest, CancellationToken ct)
    {
        var bytes = await _content.ReadAllBytesAsync(digest, MaxManifestSize, ct).ConfigureAwait(false);
        return Parse(bytes, OciJsonContext.Default.ImageManifest, $"manifest {digest}");
    }

    internal async Task<ImageConfig> ReadConfigAsync(Digest digest, CancellationToken ct)
    {
        var bytes = await _content.ReadAllBytesAsync(digest, MaxConfigSize, ct).ConfigureAwait(false);
        return Parse(bytes, OciJsonContext.Default.ImageConfig, $"image config {digest}");
    }

    /// <summary>
    /// The execution parameters of an image (its config's <c>config</c>), read without the rest of the document:
    /// what creating a container needs (<see cref="ContainerConfigReader"/> says why it is read by hand).
    /// </summary>
    internal async Task<ContainerConfig?> ReadContainerConfigAsync(Digest digest, CancellationToken ct)
    {
        var bytes = await _content.ReadAllBytesAsync(digest, MaxConfigSize, ct).ConfigureAwait(false);
        try
        {
            return ContainerConfigReader.Read(bytes);
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"invalid image config {digest}: {e.Message}", e);
        }
    }

    private static T Parse<T>(byte[] bytes, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, type) ?? throw BerthException.Invalid($"invalid {what}: empty document");
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"invalid {what}: {e.Message}", e);
        }
    }

    private StoreLock SharedLock(CancellationToken ct) => StoreLock.Shared(_layout.StoreLock, ct);
}
