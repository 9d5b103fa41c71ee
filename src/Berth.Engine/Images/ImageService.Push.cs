using Berth.Distribution;
using Berth.Engine.Models;
using Berth.Engine.Progress;
using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// <c>berth push</c>: for each blob of the image, skip it when the registry has it, mount it from another
    /// repository of the same registry known to hold it, or upload it; then put the manifest. Layers stored
    /// uncompressed (built, committed, imported) go gzip-compressed, as docker's do, under a manifest that names
    /// the compressed blobs; an image whose layers are all compressed keeps its stored manifest bytes, so the
    /// pushed digest is the local one. The registry digest is recorded as a RepoDigest.
    /// </summary>
    public async Task<IReadOnlyList<PushResult>> PushAsync(string name, bool allTags, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        if (!Reference.TryParse(name, out var reference, out var error)) throw BerthException.Invalid(error);
        if (reference.Digest is not null) throw BerthException.Invalid("cannot push a digest reference");
        if (allTags && reference.Tag is not null) throw BerthException.Invalid("tag can't be used with --all-tags/-a");
        var images = AllImages();
        var tags = allTags
            ? images.SelectMany(i => i.Tags).Select(Reference.Parse).Where(r => r.Name == reference.Name).OrderBy(r => r.Tag, StringComparer.Ordinal).ToList()
            : [reference.WithDefaultTag()];
        if (tags.Count == 0 || ImageResolver.Find(images, tags[0].ToString()) is null)
            throw BerthException.NotFound($"An image does not exist locally with the tag: {reference.ToFamiliarString()}");
        var client = _registry();
        var results = new List<PushResult>();
        foreach (var tag in tags)
            results.Add(await PushOneAsync(client, tag, images, progress, ct).ConfigureAwait(false));
        return results;
    }

    private async Task<PushResult> PushOneAsync(IRegistryClient client, Reference tag, IReadOnlyList<Metadata.ImageRecord> images, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        var image = ImageResolver.Get(images, tag.ToString()).Image;
        var repository = tag.NameOnly();
        using var held = SharedLock(ct);
        var manifest = await ReadManifestAsync(image.ManifestDigest, ct).ConfigureAwait(false);
        var pushed = new Descriptor[manifest.Layers.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, pushed.Length), new ParallelOptions { MaxDegreeOfParallelism = _maxConcurrentUploads, CancellationToken = ct }, async (i, token) =>
            pushed[i] = await PushLayerAsync(client, repository, manifest.Layers[i], images, progress, token).ConfigureAwait(false)).ConfigureAwait(false);
        await PushBlobAsync(client, repository, manifest.Config, images, null, ct).ConfigureAwait(false);

        var bytes = pushed.SequenceEqual(manifest.Layers)
            ? await Content.ContentStoreExtensions.ReadAllBytesAsync(_content, image.ManifestDigest, MaxManifestSize, ct).ConfigureAwait(false)
            : System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(manifest with { Layers = pushed }, OciJsonContext.Default.ImageManifest);
        var mediaType = manifest.MediaType ?? MediaTypes.OciManifest;
        var digest = await client.PutManifestAsync(tag, mediaType, bytes, ct).ConfigureAwait(false);
        _metadata.Write(t => _images.SetName(t, repository.WithDigest(digest).ToString(), image.Id, isDigest: true, _time.GetUtcNow()));
        return new PushResult(tag, digest, bytes.Length);
    }

    // An uncompressed layer goes as its gzip form: looked up by the digest an earlier push remembered, else
    // compressed now into a temporary file and uploaded from there.
    private async Task<Descriptor> PushLayerAsync(IRegistryClient client, Reference repository, Descriptor layer, IReadOnlyList<Metadata.ImageRecord> images, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        if (!PushCompression.Applies(layer))
        {
            await PushBlobAsync(client, repository, layer, images, progress, ct).ConfigureAwait(false);
            return layer;
        }
        var compression = new PushCompression(Path.Combine(_layout.Root, "distribution", "gzip"), _layout.Temp);
        if (compression.Remembered(layer) is { } known)
        {
            if (await client.BlobExistsAsync(repository, known.Digest, ct).ConfigureAwait(false))
            {
                progress?.Report(new ProgressUpdate(layer.Digest.Short, "Layer already exists", 0, null));
                return known;
            }
            // Repositories this image was pushed to hold the compressed blob: the same registry mounts it from there.
            foreach (var source in await MountSourcesAsync(repository, layer.Digest, images, ct).ConfigureAwait(false))
            {
                if (!await client.TryMountBlobAsync(repository, known.Digest, source, ct).ConfigureAwait(false)) continue;
                progress?.Report(new ProgressUpdate(layer.Digest.Short, $"Mounted from {source.Path}", 0, null));
                return known;
            }
        }
        progress?.Report(new ProgressUpdate(layer.Digest.Short, "Preparing", 0, null));
        using var compressed = await compression.CompressAsync(layer, () => _content.OpenRead(layer.Digest), ct).ConfigureAwait(false);
        await PushBlobAsync(client, repository, compressed.Descriptor, images, progress, ct, () => File.OpenRead(compressed.Path), layer.Digest.Short).ConfigureAwait(false);
        return compressed.Descriptor;
    }

    private async Task PushBlobAsync(IRegistryClient client, Reference repository, Descriptor blob, IReadOnlyList<Metadata.ImageRecord> images, IProgress<ProgressUpdate>? progress, CancellationToken ct,
        Func<Stream>? open = null, string? progressId = null)
    {
        var id = progressId ?? blob.Digest.Short;
        if (await client.BlobExistsAsync(repository, blob.Digest, ct).ConfigureAwait(false))
        {
            progress?.Report(new ProgressUpdate(id, "Layer already exists", 0, null));
            return;
        }
        foreach (var source in await MountSourcesAsync(repository, blob.Digest, images, ct).ConfigureAwait(false))
        {
            if (!await client.TryMountBlobAsync(repository, blob.Digest, source, ct).ConfigureAwait(false)) continue;
            progress?.Report(new ProgressUpdate(id, $"Mounted from {source.Path}", 0, null));
            return;
        }
        var sent = progress is null ? null : new SynchronousProgress<long>(bytes => progress.Report(new ProgressUpdate(id, "Pushing", bytes, blob.Size)));
        await client.PushBlobAsync(repository, blob, open ?? (() => _content.OpenRead(blob.Digest)), sent, ct).ConfigureAwait(false);
        progress?.Report(new ProgressUpdate(id, "Pushed", blob.Size, null));
    }

    /// <summary>Other repositories of the same registry that this store knows hold the blob (they were pushed or pulled there).</summary>
    private async Task<IReadOnlyList<Reference>> MountSourcesAsync(Reference repository, Digest blob, IReadOnlyList<Metadata.ImageRecord> images, CancellationToken ct)
    {
        var sources = new List<Reference>();
        foreach (var image in images)
        {
            var elsewhere = image.DigestNames.Select(Reference.Parse)
                .Where(r => r.Domain == repository.Domain && r.Path != repository.Path).Select(r => r.NameOnly()).ToList();
            if (elsewhere.Count == 0) continue;
            var manifest = await ReadManifestAsync(image.ManifestDigest, ct).ConfigureAwait(false);
            if (manifest.Layers.Any(l => l.Digest == blob)) sources.AddRange(elsewhere);
        }
        return sources.Distinct().Take(3).ToList();
    }
}
