using Berth.Archive;
using Berth.Engine.Storage;
using Berth.Content;
using Berth.Engine.Metadata;
using Berth.Engine.Models;
using Berth.Engine.Progress;
using Berth.Oci;
using Berth.Snapshots;

namespace Berth.Engine.Images;

/// <summary>
/// Unpacks an image's layers into snapshots named by chain ID, each layer once however many images share it.
/// A layer is applied into a fresh active snapshot and committed only after its diffID checked out, so a
/// failed or interrupted unpack never leaves a committed snapshot with wrong content.
/// </summary>
internal sealed class LayerUnpacker(ISnapshotter snapshotter, IContentProvider content)
{
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

    public async Task<IReadOnlyList<LayerRecord>> UnpackAsync(
        ImageManifest manifest, ImageConfig config, Func<Digest, long?> knownSize, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        var diffIds = config.RootFs.DiffIds;
        if (diffIds.Count != manifest.Layers.Count)
            throw BerthException.Invalid($"image config lists {diffIds.Count} diff_ids but the manifest has {manifest.Layers.Count} layers");
        var layers = new List<LayerRecord>(diffIds.Count);
        Digest? parent = null;
        for (var i = 0; i < diffIds.Count; i++)
        {
            var descriptor = manifest.Layers[i];
            if (!MediaTypes.IsLayer(descriptor.MediaType))
                throw BerthException.Invalid($"layer {descriptor.Digest}: unsupported media type \"{descriptor.MediaType}\"");
            var chainId = ChainIds.Next(parent, diffIds[i]);
            long size;
            if (snapshotter.Stat(chainId.ToString()) is { Kind: SnapshotKind.Committed })
            {
                size = knownSize(chainId) ?? snapshotter.Usage(chainId.ToString());
                progress?.Report(new ProgressUpdate(diffIds[i].Short, "Already exists", 0, null));
            }
            else
            {
                size = await ApplyAsync(descriptor, diffIds[i], chainId, parent, progress, ct).ConfigureAwait(false);
            }
            layers.Add(new LayerRecord(chainId, diffIds[i], parent, size));
            parent = chainId;
        }
        return layers;
    }

    private async Task<long> ApplyAsync(Descriptor layer, Digest diffId, Digest chainId, Digest? parent, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        var key = $"extract-{Guid.NewGuid():N}-{chainId.Encoded[..12]}";
        var mounts = snapshotter.Prepare(key, parent?.ToString());
        try
        {
            var directory = mounts.WritableDirectory()
                ?? throw new BerthException(ErrorKind.Internal, $"snapshotter {snapshotter.Driver} gave no writable directory for {key}");
            LayerApplyResult result;
            var blob = content.OpenRead(layer.Digest);
            if (progress is not null) blob = new ProgressStream(blob, progress, diffId.Short, "Loading layer", layer.Size);
            await using (blob)
                result = await LayerApplier.ApplyAsync(blob, directory, new LayerApplyOptions(), ct).ConfigureAwait(false);
            if (result.DiffId != diffId)
                throw BerthException.Invalid($"layer {layer.Digest}: content has diffID {result.DiffId}, but the image config says {diffId}");
            var size = DirectorySize.Of(directory);
            try
            {
                snapshotter.Commit(chainId.ToString(), key);
            }
            catch (BerthException e) when (e.Kind == ErrorKind.AlreadyExists)
            {
                // Another process unpacked the same chain first; its snapshot has the same content.
                snapshotter.Remove(key);
            }
            return size;
        }
        catch
        {
            if (snapshotter.Stat(key) is not null) snapshotter.Remove(key);
            throw;
        }
    }
}
