using Berth.Archive;
using Berth.Builder.Execution;
using Berth.Content;
using Berth.Engine.Images;
using Berth.Engine.Metadata;
using Berth.Oci;
using Berth.Snapshots;

namespace Berth.Engine.Builds;

internal sealed partial class BuildWorker
{
    private readonly List<CacheDirectory> _imports = [];
    private readonly Dictionary<Digest, CachedStep> _used = [];
    private readonly Lock _usedGate = new();
    private CacheDirectory? _export;

    /// <summary>Cache directories to read steps from when the store lacks them, and one to export this build's steps to.</summary>
    public void UseCacheDirectories(IReadOnlyList<string> from, string? to)
    {
        foreach (var directory in from) _imports.Add(CacheDirectory.Open(directory, mustExist: true));
        if (to is not null) _export = CacheDirectory.Open(to, mustExist: false);
    }

    public bool CacheStartedEmpty => _cacheStartedEmpty && _imports.Count == 0;

    public async Task<CachedStep?> LookupCacheAsync(Digest key, IReadOnlyList<BuildLayer> parent, CancellationToken ct)
    {
        var step = LookupLocal(key, parent);
        foreach (var import in _imports)
        {
            if (step is not null) break;
            if (import.Find(key) is not { } entry) continue;
            var layer = entry.Layer is { } blob ? await ImportLayerAsync(import, blob, parent, ct).ConfigureAwait(false) : null;
            step = new CachedStep(layer, entry.Created);
            StoreCache(key, parent, step);
        }
        if (step is not null) Used(key, step);
        return step;
    }

    public void StoreCache(Digest key, IReadOnlyList<BuildLayer> parent, CachedStep step)
    {
        var chain = step.Layer is { } layer ? ChainIds.Next(TopChain(parent), layer.DiffId) : (Digest?)null;
        _metadata.Write(t => _cache.Put(t, new BuildCacheRecord(key, chain, step.Layer?.Blob, step.Created, _options.Time.GetUtcNow())));
        Used(key, step);
    }

    /// <summary>Writes every step this build used or made to the export directory, if there is one.</summary>
    public async Task ExportCacheAsync(CancellationToken ct)
    {
        if (_export is null) return;
        List<KeyValuePair<Digest, CachedStep>> used;
        lock (_usedGate) used = [.. _used];
        foreach (var (key, step) in used)
            await _export.AddAsync(new CacheDirectoryEntry { Key = key, Layer = step.Layer?.Blob, Created = step.Created }, _content, ct).ConfigureAwait(false);
        _export.Save();
    }

    private CachedStep? LookupLocal(Digest key, IReadOnlyList<BuildLayer> parent)
    {
        var record = _metadata.Read(t => _cache.Get(t, key));
        if (record is null) return null;
        if (record.Blob is not { } blob) return new CachedStep(null, record.Created);
        // The layer must still be whole: its blob in the content store and its chain's snapshot committed.
        var chain = ChainIds.Next(TopChain(parent), blob.Digest);
        if (chain != record.ChainId || _content.Info(blob.Digest) is null) return null;
        if (_snapshotter.Stat(chain.ToString()) is not { Kind: SnapshotKind.Committed }) return null;
        return new CachedStep(new BuildLayer(blob.Digest, blob), record.Created);
    }

    /// <summary>
    /// Brings an exported step layer into the store: the blob ingested (its digest checked), then applied on the
    /// parent chain's snapshot and committed as the step's chain, exactly as if the step had run here.
    /// </summary>
    private async Task<BuildLayer> ImportLayerAsync(CacheDirectory import, Descriptor blob, IReadOnlyList<BuildLayer> parent, CancellationToken ct)
    {
        if (_content.Info(blob.Digest) is null)
        {
            await using var source = import.OpenBlob(blob);
            await _content.IngestAsync(source, blob.Digest, blob.Size, ct).ConfigureAwait(false);
        }
        var parentChain = TopChain(parent);
        var chain = ChainIds.Next(parentChain, blob.Digest);
        if (_snapshotter.Stat(chain.ToString()) is { Kind: SnapshotKind.Committed }) return new BuildLayer(blob.Digest, blob);
        var key = "build-import-" + Guid.NewGuid().ToString("N");
        var upper = _snapshotter.Prepare(key, parentChain?.ToString()).WritableDirectory()
            ?? throw new BerthException(ErrorKind.Internal, $"snapshotter {_snapshotter.Driver} gave no writable directory for {key}");
        try
        {
            LayerApplyResult applied;
            await using (var layer = _content.OpenRead(blob.Digest))
                applied = await LayerApplier.ApplyAsync(layer, upper, new LayerApplyOptions(), ct).ConfigureAwait(false);
            if (applied.DiffId != blob.Digest)
                throw BerthException.Invalid($"cached layer {blob.Digest}: content has diffID {applied.DiffId}");
            _snapshotter.Commit(chain.ToString(), key);
        }
        catch (BerthException e) when (e.Kind == ErrorKind.AlreadyExists)
        {
        }
        finally
        {
            if (_snapshotter.Stat(key) is not null) _snapshotter.Remove(key);
        }
        return new BuildLayer(blob.Digest, blob);
    }

    private void Used(Digest key, CachedStep step)
    {
        lock (_usedGate) _used[key] = step;
    }
}
