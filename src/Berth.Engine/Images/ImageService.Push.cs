using Berth.Distribution;
using Berth.Engine.Models;
using Berth.Engine.Progress;
using Berth.Oci;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// <c>berth push</c>: for each blob of the image, skip it when the registry has it, mount it from another
    /// repository of the same registry known to hold it, or upload it; then put the stored manifest bytes
    /// unchanged, so the pushed digest is the local one. The registry digest is recorded as a RepoDigest.
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
        await Parallel.ForEachAsync(manifest.Layers, new ParallelOptions { MaxDegreeOfParallelism = _maxConcurrentUploads, CancellationToken = ct }, async (layer, token) =>
            await PushBlobAsync(client, repository, layer, images, progress, token).ConfigureAwait(false)).ConfigureAwait(false);
        await PushBlobAsync(client, repository, manifest.Config, images, null, ct).ConfigureAwait(false);

        var bytes = await Content.ContentStoreExtensions.ReadAllBytesAsync(_content, image.ManifestDigest, MaxManifestSize, ct).ConfigureAwait(false);
        var mediaType = manifest.MediaType ?? MediaTypes.OciManifest;
        var digest = await client.PutManifestAsync(tag, mediaType, bytes, ct).ConfigureAwait(false);
        _metadata.Write(t => _images.SetName(t, repository.WithDigest(digest).ToString(), image.Id, isDigest: true, _time.GetUtcNow()));
        return new PushResult(tag, digest, bytes.Length);
    }

    private async Task PushBlobAsync(IRegistryClient client, Reference repository, Descriptor blob, IReadOnlyList<Metadata.ImageRecord> images, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        var id = blob.Digest.Short;
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
        await client.PushBlobAsync(repository, blob, () => _content.OpenRead(blob.Digest), sent, ct).ConfigureAwait(false);
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
