using Berth.Content;
using Berth.Engine.Images;
using Berth.Engine.Metadata;
using Berth.Engine.Models;
using Berth.Engine.Storage;
using Berth.Snapshots;

namespace Berth.Engine.SystemInfo;

/// <summary><c>berth info</c>, <c>system df</c> and <c>system check</c>: facts about the engine and its store.</summary>
public sealed partial class SystemService
{
    private readonly MetadataStore _metadata;
    private readonly ImageTable _images;
    private readonly LocalContentStore _content;
    private readonly ISnapshotter _snapshotter;
    private readonly LayerUnpacker _unpacker;
    private readonly GarbageCollector _collector;
    private readonly StateLayout _layout;
    private readonly EngineOptions _options;

    internal SystemService(MetadataStore metadata, ImageTable images, LocalContentStore content, ISnapshotter snapshotter,
        LayerUnpacker unpacker, GarbageCollector collector, StateLayout layout, EngineOptions options)
    {
        _metadata = metadata;
        _images = images;
        _content = content;
        _snapshotter = snapshotter;
        _unpacker = unpacker;
        _collector = collector;
        _layout = layout;
        _options = options;
    }

    /// <summary><c>system df</c>: images with their shared and unique sizes, container counts, volume count and size.</summary>
    public Task<DiskUsage> DiskUsageAsync(CancellationToken ct)
    {
        var (images, layers, statuses) = _metadata.Read(t => (_images.All(t), _images.Layers(t), _images.ContainerStatuses(t)));
        // A container's size is its writable layer (the snapshot keyed by its ID); docker reclaims stopped ones.
        var sizes = statuses.Select(c => (Active: c.Status is "Running" or "Paused" or "Restarting",
            Size: _snapshotter.Stat(c.Id) is null ? 0 : _snapshotter.Usage(c.Id))).ToList();
        var byChain = layers.ToDictionary(l => l.ChainId);
        var chains = images.ToDictionary(i => i.Id, i => ImageService.ChainOf(i.ChainId, byChain).ToList());
        var users = chains.Values.SelectMany(c => c).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var summaries = images.Select(image =>
        {
            var shared = chains[image.Id].Where(c => users[c] > 1).Sum(c => byChain[c].Size);
            var used = _metadata.Read(t => _images.ContainersUsing(t, image.Id).Count);
            return ImageService.Summarize(image, null, image.Names.Select(n => n.Name), used) with { SharedSize = shared };
        }).OrderByDescending(s => s.Created).ToList();
        var (volumeCount, volumeSize) = new Volumes.VolumeService(_metadata, _layout, _options).DiskUsage();
        return Task.FromResult(new DiskUsage(layers.Sum(l => l.Size), summaries, sizes.Count, sizes.Count(c => c.Active),
            sizes.Sum(s => s.Size), volumeCount, volumeSize) { ContainersReclaimable = sizes.Where(s => !s.Active).Sum(s => s.Size) });
    }

    /// <summary>Runs a garbage collection now (when no other process works on the store).</summary>
    public bool CollectGarbage() => _collector.TryCollect() is not null;
}
