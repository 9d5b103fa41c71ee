using Berth.Content;
using Berth.Engine.Metadata;
using Berth.Oci;
using Berth.Snapshots;

namespace Berth.Engine.Storage;

/// <summary>
/// Mark and sweep over the store: blobs reachable from an image (manifest, config, layers) or the build cache
/// and snapshots of a recorded layer chain or a cached build step survive; everything else goes. It runs only while it holds the store lock
/// exclusively, so nothing it could delete is being written (see <see cref="StoreLock"/>).
/// </summary>
internal sealed class GarbageCollector(
    MetadataStore metadata, ImageTable images, BuildCacheTable buildCache, LocalContentStore content, ISnapshotter snapshotter, StateLayout layout)
{
    /// <summary>Ingests younger than this are kept so an interrupted pull can resume them.</summary>
    private static readonly TimeSpan PartialWriteRetention = TimeSpan.FromHours(24);

    /// <summary>How long to wait for other processes' short store operations before leaving garbage for later.</summary>
    private static readonly TimeSpan WaitForOthers = TimeSpan.FromMilliseconds(500);

    /// <summary>Collects now, or returns null when another process is working on the store.</summary>
    public GcReport? TryCollect()
    {
        using var exclusive = StoreLock.TryExclusive(layout.StoreLock, WaitForOthers);
        if (exclusive is null) return null;
        var (blobs, chains) = metadata.Read(t => Mark(t));

        var removedSnapshots = SweepSnapshots(chains);
        long reclaimed = 0;
        var removedBlobs = 0;
        foreach (var blob in content.Walk().ToList())
        {
            if (blobs.Contains(blob.Digest)) continue;
            content.Delete(blob.Digest);
            reclaimed += blob.Size;
            removedBlobs++;
        }
        content.PruneIngests(PartialWriteRetention);
        CleanTemp();
        return new GcReport(removedBlobs, removedSnapshots, reclaimed);
    }

    private (HashSet<Digest> Blobs, HashSet<string> Chains) Mark(Metadata.MetadataTransaction t)
    {
        var blobs = new HashSet<Digest>();
        foreach (var image in images.All(t))
        {
            blobs.Add(image.ManifestDigest);
            blobs.Add(image.Id);
            if (content.Info(image.ManifestDigest) is null) continue;
            var manifest = ManifestReader.Read(content, image.ManifestDigest);
            foreach (var layer in manifest.Layers) blobs.Add(layer.Digest);
        }
        var chains = images.Layers(t).Select(l => l.ChainId.ToString()).ToHashSet();
        foreach (var step in buildCache.All(t))
        {
            if (step.Blob is { } blob) blobs.Add(blob.Digest);
            if (step.ChainId is { } chain) chains.Add(chain.ToString());
        }
        return (blobs, chains);
    }

    private int SweepSnapshots(HashSet<string> liveChains)
    {
        var removed = 0;
        // Crash leftovers first, and every snapshot reachable by its key again (a berth from before the key
        // index may have written some), so each one listed below can be removed by its key.
        snapshotter.Cleanup();
        // Remove leaves first: a snapshot with children cannot go until they are gone.
        for (var progress = true; progress;)
        {
            progress = false;
            var all = snapshotter.Walk().ToList();
            var parents = all.Where(s => s.Parent is not null).Select(s => s.Parent!).ToHashSet();
            foreach (var snapshot in all)
            {
                if (parents.Contains(snapshot.Key) || IsLive(snapshot, liveChains)) continue;
                snapshotter.Remove(snapshot.Key);
                removed++;
                progress = true;
            }
        }
        snapshotter.Cleanup();
        return removed;
    }

    // Committed layer snapshots live while their chain is recorded; an "extract-" or "build-" snapshot is an
    // unpack or build step that a dead process left behind (a live one would hold the store lock). Other
    // active snapshots belong to containers and are theirs to remove.
    private static bool IsLive(SnapshotInfo snapshot, HashSet<string> liveChains) => snapshot.Kind switch
    {
        SnapshotKind.Committed => liveChains.Contains(snapshot.Key),
        _ => !snapshot.Key.StartsWith("extract-", StringComparison.Ordinal) && !snapshot.Key.StartsWith("build-", StringComparison.Ordinal),
    };

    private void CleanTemp()
    {
        foreach (var entry in new DirectoryInfo(layout.Temp).EnumerateFileSystemInfos())
        {
            try
            {
                if (entry is DirectoryInfo d) d.Delete(recursive: true);
                else entry.Delete();
            }
            catch (IOException)
            {
            }
        }
    }
}
