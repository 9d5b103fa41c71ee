using Berth.Engine.Metadata;
using Berth.Engine.Models;
using Berth.Engine.Storage;
using Berth.Oci;

namespace Berth.Engine.Builds;

public sealed partial class BuildService
{
    /// <summary>
    /// <c>builder prune</c>: forgets build cache entries (all of them with <paramref name="all"/>, otherwise those
    /// whose layer no image uses), then collects what they alone kept: their layer blobs and snapshots.
    /// </summary>
    public Task<BuildCacheUsage> PruneAsync(bool all, CancellationToken ct)
    {
        var table = new BuildCacheTable(_metadata);
        BuildCacheUsage removed;
        using (StoreLock.Shared(_layout.StoreLock, ct))
        {
            removed = _metadata.Write(t =>
            {
                var used = UsedByImages(t);
                var entries = table.All(t).Where(e => all || e.Blob is null || !used.Contains(e.Blob.Digest)).ToList();
                foreach (var entry in entries) table.Delete(t, entry.Key);
                return Usage(entries, used);
            });
        }
        _images.CollectGarbage();
        return Task.FromResult(removed);
    }

    /// <summary>The build cache's share of <c>system df</c>: entries with a layer, their size and what no image uses.</summary>
    public BuildCacheUsage Usage() => _metadata.Read(t => Usage(new BuildCacheTable(_metadata).All(t), UsedByImages(t)));

    private static BuildCacheUsage Usage(IReadOnlyList<BuildCacheRecord> entries, HashSet<Digest> usedByImages)
    {
        var layers = entries.Where(e => e.Blob is not null).DistinctBy(e => e.Blob!.Digest).ToList();
        return new BuildCacheUsage(
            layers.Count,
            layers.Count(e => usedByImages.Contains(e.Blob!.Digest)),
            layers.Sum(e => e.Blob!.Size),
            layers.Where(e => !usedByImages.Contains(e.Blob!.Digest)).Sum(e => e.Blob!.Size));
    }

    private HashSet<Digest> UsedByImages(Metadata.MetadataTransaction t) =>
        new ImageTable(_metadata).Layers(t).Select(l => l.DiffId).ToHashSet();
}
