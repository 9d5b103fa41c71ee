using Berth.Archive;
using Berth.Content;
using Berth.Engine.Metadata;
using Berth.Engine.Models;
using Berth.Engine.Progress;
using Berth.Engine.Storage;
using Berth.Linux;
using Berth.Oci;
using Berth.Snapshots;

namespace Berth.Engine.Images;

/// <summary>
/// Unpacks an image's layers into snapshots named by chain ID, each layer once however many images share it.
/// Missing layers are applied concurrently, each into its own parentless snapshot (an overlay layer directory
/// does not depend on the layers below it), flushed to disk with one syncfs, then committed bottom-up onto
/// their parents. A layer is committed only after its diffID checked out, so a failed or interrupted unpack
/// never leaves a committed snapshot with wrong content.
/// </summary>
internal sealed class LayerUnpacker(ISnapshotter snapshotter, IContentProvider content, int concurrency)
{
    // The layers are synced with one syncfs before they are committed; writeback started per file overlaps the
    // disk's work with unpacking instead of leaving it all to that syncfs.
    private static readonly LayerApplyOptions ApplyOptions = new() { StartWriteback = true };

    public string Driver => snapshotter.Driver;

    /// <summary>The directory holding a committed layer's own files, for inspect's GraphDriver data.</summary>
    public string? DirectoryOf(string chainId)
    {
        if (snapshotter.Stat(chainId) is null) return null;
        var mount = snapshotter.Mounts(chainId).FirstOrDefault();
        if (mount is null) return null;
        if (mount.Type != "overlay") return mount.Source;
        var lower = mount.Options.FirstOrDefault(o => o.StartsWith("lowerdir=", StringComparison.Ordinal));
        return lower?["lowerdir=".Length..].Split(':')[0];
    }

    /// <summary>
    /// Unpacks the missing layers of an image. <paramref name="open"/> gives a layer's (compressed) bytes; when
    /// null they are read from the content store. A pull passes a stream that downloads into the content store
    /// as the unpacker reads it, so download, verification, decompression and unpacking are one pass.
    /// </summary>
    public async Task<IReadOnlyList<LayerRecord>> UnpackAsync(
        ImageManifest manifest, ImageConfig config, Func<Digest, long?> knownSize, LayerOpener? open,
        IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        var diffIds = config.RootFs.DiffIds;
        if (diffIds.Count != manifest.Layers.Count)
            throw BerthException.Invalid($"image config lists {diffIds.Count} diff_ids but the manifest has {manifest.Layers.Count} layers");
        foreach (var descriptor in manifest.Layers)
        {
            if (!MediaTypes.IsLayer(descriptor.MediaType))
                throw BerthException.Invalid($"layer {descriptor.Digest}: unsupported media type \"{descriptor.MediaType}\"");
        }
        var chainIds = ChainIds.Of(diffIds);
        var sizes = new long[diffIds.Count];
        var extracted = new string?[diffIds.Count];
        var missing = new List<int>();
        for (var i = 0; i < diffIds.Count; i++)
        {
            if (snapshotter.Stat(chainIds[i].ToString()) is { Kind: SnapshotKind.Committed })
            {
                sizes[i] = knownSize(chainIds[i]) ?? snapshotter.Usage(chainIds[i].ToString());
                progress?.Report(new ProgressUpdate(manifest.Layers[i].Digest.Short, "Already exists", 0, null));
            }
            else
            {
                missing.Add(i);
            }
        }

        try
        {
            // Largest first: the biggest layer bounds the whole unpack, so it must not start last and run alone.
            missing.Sort((a, b) => manifest.Layers[b].Size.CompareTo(manifest.Layers[a].Size));
            await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (i, token) =>
            {
                var key = $"extract-{Guid.NewGuid():N}-{chainIds[i].Encoded[..12]}";
                extracted[i] = key;
                sizes[i] = await ApplyAsync(key, manifest.Layers[i], diffIds[i], open, progress, token).ConfigureAwait(false);
            }).ConfigureAwait(false);
            if (missing.Count > 0) Durability.Syncfs(snapshotter.Mounts(extracted[missing[0]]!).WritableDirectory()!);
            CommitInOrder(chainIds, extracted);
        }
        finally
        {
            foreach (var key in extracted)
                if (key is not null && snapshotter.Stat(key) is not null) snapshotter.Remove(key);
        }

        var layers = new List<LayerRecord>(diffIds.Count);
        for (var i = 0; i < diffIds.Count; i++)
            layers.Add(new LayerRecord(chainIds[i], diffIds[i], i == 0 ? null : chainIds[i - 1], sizes[i]));
        return layers;
    }

    private void CommitInOrder(IReadOnlyList<Digest> chainIds, string?[] extracted)
    {
        for (var i = 0; i < chainIds.Count; i++)
        {
            if (extracted[i] is not { } key) continue;
            try
            {
                snapshotter.Commit(chainIds[i].ToString(), key, rebaseOnto: i == 0 ? null : chainIds[i - 1].ToString());
            }
            catch (BerthException e) when (e.Kind == ErrorKind.AlreadyExists)
            {
                // Another process unpacked the same chain first; its snapshot has the same content, and the
                // finally block above removes ours.
            }
        }
    }

    private async Task<long> ApplyAsync(string key, Descriptor layer, Digest diffId, LayerOpener? open, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        var directory = snapshotter.Prepare(key, parent: null).WritableDirectory()
            ?? throw new BerthException(ErrorKind.Internal, $"snapshotter {snapshotter.Driver} gave no writable directory for {key}");
        Stream blob;
        if (open is not null)
        {
            blob = await open(layer, ct).ConfigureAwait(false);
        }
        else
        {
            blob = content.OpenRead(layer.Digest);
            if (progress is not null) blob = new ProgressStream(blob, progress, layer.Digest.Short, "Loading layer", layer.Size);
        }
        LayerApplyResult result;
        await using (blob)
            result = await LayerApplier.ApplyAsync(blob, directory, ApplyOptions, ct).ConfigureAwait(false);
        if (result.DiffId != diffId)
            throw BerthException.Invalid($"layer {layer.Digest}: content has diffID {result.DiffId}, but the image config says {diffId}");
        if (open is not null) progress?.Report(new ProgressUpdate(layer.Digest.Short, "Pull complete", 0, null));
        return result.ContentBytes;
    }
}
