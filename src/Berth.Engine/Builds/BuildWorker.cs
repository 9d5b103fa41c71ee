using Berth.Builder.Execution;
using Berth.Content;
using Berth.Engine.Images;
using Berth.Engine.Metadata;
using Berth.Engine.Models;
using Berth.Engine.Networks;
using Berth.Oci;
using Berth.Snapshots;

namespace Berth.Engine.Builds;

/// <summary>
/// The engine's side of a build: base images from the image store (pulled when missing), each step's root
/// filesystem an overlay snapshot on the chain below it, layers written from the snapshot's upper directory
/// into the content store (uncompressed, so a blob's digest is its diffID) and committed as the snapshot of
/// their chain, so the built image runs without unpacking anything. The cache lives in the metadata store.
/// </summary>
internal sealed partial class BuildWorker : IBuildWorker
{
    private readonly ImageService _images;
    private readonly ISnapshotter _snapshotter;
    private readonly LocalContentStore _content;
    private readonly MetadataStore _metadata;
    private readonly BuildCacheTable _cache;
    private readonly StateLayout _layout;
    private readonly EngineOptions _options;
    private readonly Platform _platform;
    private readonly NetworkService _networks;
    private readonly bool _cacheStartedEmpty;

    public BuildWorker(ImageService images, ISnapshotter snapshotter, LocalContentStore content, MetadataStore metadata, StateLayout layout,
        EngineOptions options, Platform platform, NetworkService networks)
    {
        _networks = networks;
        _images = images;
        _snapshotter = snapshotter;
        _content = content;
        _metadata = metadata;
        _cache = new BuildCacheTable(metadata);
        _cacheStartedEmpty = metadata.Read(_cache.IsEmpty);
        _layout = layout;
        _options = options;
        _platform = platform;
    }

    public async Task<BaseImage> ResolveImageAsync(string reference, bool pull, IProgress<BuildEvent> progress, CancellationToken ct)
    {
        var found = ImageResolver.Find(_images.AllImages(), reference);
        if (found is null || pull)
        {
            try
            {
                await _images.PullAsync(reference, new PullOptions { Platform = _platform }, new Progress<ProgressUpdate>(), ct).ConfigureAwait(false);
            }
            catch (BerthException e) when (found is null)
            {
                throw new BerthException(e.Kind, $"{reference}: failed to resolve source metadata for {reference}: {e.Message}", e);
            }
            found = ImageResolver.Find(_images.AllImages(), reference)
                ?? throw BerthException.NotFound($"pull access denied for {reference}, repository does not exist or may require authorization");
        }
        var manifest = await _images.ReadManifestAsync(found.Image.ManifestDigest, ct).ConfigureAwait(false);
        var config = await _images.ReadConfigAsync(found.Image.Id, ct).ConfigureAwait(false);
        var diffIds = config.RootFs.DiffIds;
        if (diffIds.Count != manifest.Layers.Count)
            throw BerthException.Invalid($"image {reference}: config lists {diffIds.Count} diff_ids but the manifest has {manifest.Layers.Count} layers");
        return new BaseImage(found.Image.Id, config, [.. diffIds.Select((d, i) => new BuildLayer(d, manifest.Layers[i]))]);
    }

    public Task<MountedChain> MountAsync(IReadOnlyList<BuildLayer> chain, CancellationToken ct)
    {
        var key = "build-view-" + Guid.NewGuid().ToString("N");
        var mounts = _snapshotter.View(key, TopChain(chain)?.ToString());
        var target = Path.Combine(_layout.RunRoot, "builds", key);
        Directory.CreateDirectory(target);
        try
        {
            foreach (var mount in mounts) mount.MountTo(target);
        }
        catch
        {
            Directory.Delete(target);
            _snapshotter.Remove(key);
            throw;
        }
        return Task.FromResult(new MountedChain(target, () =>
        {
            Unmount(target);
            Directory.Delete(target);
            _snapshotter.Remove(key);
            return ValueTask.CompletedTask;
        }));
    }

    /// <summary>The chain ID of a layer list's top, or null for no layers.</summary>
    private static Digest? TopChain(IReadOnlyList<BuildLayer> chain) =>
        chain.Count == 0 ? null : ChainIds.Of([.. chain.Select(l => l.DiffId)])[^1];
}
