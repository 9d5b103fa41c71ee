using Berth.Content;
using Berth.Engine.Metadata;
using Berth.Oci;
using Berth.Snapshots;

namespace Berth.Engine.Storage;

/// <summary>
/// Mark and sweep over the store: blobs reachable from an image (manifest, config, layers) or the build cache,
/// snapshots of a recorded layer chain or a cached build step, and the layers of containers on record survive;
/// everything else goes. It runs only while it holds the store lock
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
        var (blobs, chains, containers) = metadata.Read(t => Mark(t));

        var removedSnapshots = SweepSnapshots(chains, containers);
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

    private (HashSet<Digest> Blobs, HashSet<string> Chains, HashSet<string> Containers) Mark(MetadataTransaction t)
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
        return (blobs, chains, ContainerIds(t));
    }

    private HashSet<string> ContainerIds(MetadataTransaction t)
    {
        using var command = metadata.Command(t, "SELECT id FROM containers");
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    private int SweepSnapshots(HashSet<string> liveChains, HashSet<string> containers)
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
                if (parents.Contains(snapshot.Key) || IsLive(snapshot, liveChains, containers)) continue;
                snapshotter.Remove(snapshot.Key);
                removed++;
                progress = true;
            }
        }
        snapshotter.Cleanup();
        return removed;
    }

    // Committed layer snapshots live while their chain is recorded; an "extract-" or "build-" snapshot is an
    // unpack or build step that a dead process left behind (a live one would hold the store lock). A container's
    // layer (keyed by its ID) lives while the container's row does: a create holds the store lock from the row's
    // insert to the layer's prepare, and a removal takes the layer out before the row, so one without a row is
    // what a crash brought back (its removal does not wait for the disk). Other active snapshots are kept.
    private static bool IsLive(SnapshotInfo snapshot, HashSet<string> liveChains, HashSet<string> containers) => snapshot.Kind switch
    {
        SnapshotKind.Committed => liveChains.Contains(snapshot.Key),
        _ when IsContainerId(snapshot.Key) => containers.Contains(snapshot.Key),
        _ => !snapshot.Key.StartsWith("extract-", StringComparison.Ordinal) && !snapshot.Key.StartsWith("build-", StringComparison.Ordinal),
    };

    private static bool IsContainerId(string key) => key.Length == 64 && key.All(char.IsAsciiHexDigitLower);

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
