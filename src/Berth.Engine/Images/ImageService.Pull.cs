using System.Text.Json;
using Berth.Distribution;
using Berth.Engine.Models;
using Berth.Engine.Registry;
using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// <c>berth pull</c>: resolves the reference (an index picks the platform's manifest), stores manifest and
    /// config, and streams each missing layer from the registry through verification and decompression into its
    /// snapshot in one pass, several layers at once. The image becomes visible only when complete.
    /// </summary>
    public async Task<IReadOnlyList<PullResult>> PullAsync(string name, PullOptions options, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        if (!Reference.TryParse(name, out var reference, out var error)) throw BerthException.Invalid(error);
        var client = _registry();
        if (!options.AllTags) return [await PullOneAsync(client, reference.WithDefaultTag(), options, progress, ct).ConfigureAwait(false)];
        if (reference.Tag is not null || reference.Digest is not null)
            throw BerthException.Invalid("tag can't be used with --all-tags/-a");
        var results = new List<PullResult>();
        foreach (var tag in await client.ListTagsAsync(reference, ct).ConfigureAwait(false))
            results.Add(await PullOneAsync(client, reference.WithTag(tag), options, progress, ct).ConfigureAwait(false));
        return results;
    }

    private async Task<PullResult> PullOneAsync(IRegistryClient client, Reference reference, PullOptions options, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        var repository = reference.NameOnly();
        // What the name pointed at before decides docker's "Downloaded newer image" vs "Image is up to date".
        var localName = reference.Digest is { } wanted ? repository.WithDigest(wanted) : reference;
        var before = _metadata.Read(t => _images.ImageIdOfName(t, localName.ToString()));
        RegisteredImage registered;
        FetchedManifest top;
        using (SharedLock(ct))
        {
            top = await client.GetManifestAsync(reference, ct).ConfigureAwait(false);
            await IngestManifestAsync(top, ct).ConfigureAwait(false);
            var chosen = top;
            if (MediaTypes.IsIndex(top.Descriptor.MediaType))
            {
                var index = JsonSerializer.Deserialize(top.Content, OciJsonContext.Default.ImageIndex)
                    ?? throw BerthException.Invalid($"invalid index for {reference.ToFamiliarString()}");
                var platform = options.Platform ?? Platform.Host;
                var entry = PlatformMatcher.Select(index, platform)
                    ?? throw BerthException.NotFound($"no matching manifest for {platform} in the manifest list entries");
                chosen = await client.GetManifestAsync(repository.WithDigest(entry.Digest), ct).ConfigureAwait(false);
                await IngestManifestAsync(chosen, ct).ConfigureAwait(false);
            }
            var manifest = await ReadManifestAsync(chosen.Descriptor.Digest, ct).ConfigureAwait(false);
            await FetchBlobAsync(client, repository, manifest.Config, null, ct).ConfigureAwait(false);
            await FetchLayersUnpackSkipsAsync(client, repository, manifest, progress, ct).ConfigureAwait(false);

            // As docker: an image already in the store shows no per-layer lines.
            if (_metadata.Read(t => _images.Get(t, manifest.Config.Digest)) is not null) progress = null;
            var names = new List<Reference> { repository.WithDigest(top.Descriptor.Digest) };
            if (reference.Tag is not null) names.Insert(0, reference);
            registered = await RegisterAsync(chosen.Descriptor, names,
                (layer, token) => OpenLayerDownloadAsync(client, repository, layer, progress, token), progress, ct).ConfigureAwait(false);
        }
        return new PullResult(reference, top.Descriptor.Digest, registered.Id, before != registered.Id.ToString());
    }

    private async Task IngestManifestAsync(FetchedManifest manifest, CancellationToken ct)
    {
        if (_content.Info(manifest.Descriptor.Digest) is not null) return;
        await Content.ContentStoreExtensions.IngestAsync(_content, new MemoryStream(manifest.Content, writable: false),
            manifest.Descriptor.Digest, manifest.Content.Length, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Layers whose chain is unpacked already are not unpacked again, but their blobs must still be stored:
    /// an image's manifest only names what the store holds.
    /// </summary>
    private async Task FetchLayersUnpackSkipsAsync(IRegistryClient client, Reference repository, ImageManifest manifest, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        var config = await ReadConfigAsync(manifest.Config.Digest, ct).ConfigureAwait(false);
        var unpacked = _metadata.Read(_images.Layers).Select(l => l.ChainId).ToHashSet();
        var chains = ChainIds.Of(config.RootFs.DiffIds);
        for (var i = 0; i < Math.Min(chains.Count, manifest.Layers.Count); i++)
        {
            if (unpacked.Contains(chains[i]) && _content.Info(manifest.Layers[i].Digest) is null)
                await FetchBlobAsync(client, repository, manifest.Layers[i], progress, ct).ConfigureAwait(false);
        }
    }

    private async Task FetchBlobAsync(IRegistryClient client, Reference repository, Descriptor blob, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        if (_content.Info(blob.Digest) is not null) return;
        await using var download = await OpenDownloadAsync(client, repository, blob, progress, ct).ConfigureAwait(false);
        await download.CopyToAsync(Stream.Null, 1 << 20, ct).ConfigureAwait(false);
    }

    /// <summary>A layer for the unpacker: streamed from the registry, or from the store once a resumed download finished.</summary>
    private async Task<Stream> OpenLayerDownloadAsync(IRegistryClient client, Reference repository, Descriptor layer, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        if (_content.Info(layer.Digest) is null)
        {
            var download = await OpenDownloadAsync(client, repository, layer, progress, ct).ConfigureAwait(false);
            if (download.Position == 0) return download;
            // A partial blob from an interrupted pull: finish it first, then unpack from the store.
            await using (download) await download.CopyToAsync(Stream.Null, 1 << 20, ct).ConfigureAwait(false);
        }
        progress?.Report(new ProgressUpdate(layer.Digest.Short, "Extracting", 0, null));
        return _content.OpenRead(layer.Digest);
    }

    private async Task<IngestingReadStream> OpenDownloadAsync(IRegistryClient client, Reference repository, Descriptor blob, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        var writer = _content.BeginWrite(blob.Digest.ToString());
        writer.KeepPartialOnAbort = true;
        if (writer.Offset >= blob.Size) writer.Truncate();
        try
        {
            progress?.Report(new ProgressUpdate(blob.Digest.Short, writer.Offset > 0 ? "Resuming download" : "Pulling fs layer", writer.Offset, null));
            var network = await client.OpenBlobAsync(repository, blob, writer.Offset, ct).ConfigureAwait(false);
            return new IngestingReadStream(network, (offset, token) => client.OpenBlobAsync(repository, blob, offset, token), writer, blob, progress);
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
