using Berth.Content;
using Berth.Images.Json;
using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Images.Layout;

/// <summary>
/// Writes docker 25+'s <c>docker save</c> layout, which old and new <c>docker load</c> both read: an OCI layout
/// (oci-layout, index.json, blobs) whose layers are uncompressed tars named by diffID, plus the legacy
/// manifest.json and repositories files pointing into blobs/. Output depends only on the images given.
/// </summary>
internal static class DockerArchiveWriter
{
    public static async Task WriteAsync(IReadOnlyList<ImageToSave> images, IContentProvider provider, ILayoutSink sink, CancellationToken ct)
    {
        var blobs = new LayoutBlobs(provider);
        using var layers = new UncompressedLayers(provider, blobs);
        var items = new List<DockerManifestItem>();
        var repositories = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        var index = new List<Descriptor>();
        foreach (var image in images)
        {
            var stored = await StoredImage.LoadAsync(image, provider, ct).ConfigureAwait(false);
            var config = blobs.AddBytes(stored.ConfigBytes, MediaTypes.OciConfig);
            var diffIds = stored.Config.RootFs.DiffIds;
            var layerDescriptors = new List<Descriptor>();
            for (var i = 0; i < diffIds.Count; i++)
            {
                var size = await layers.AddAsync(image.Manifest.Layers[i], diffIds[i], ct).ConfigureAwait(false);
                layerDescriptors.Add(new Descriptor { MediaType = MediaTypes.OciLayer, Digest = diffIds[i], Size = size });
            }
            var manifest = new ImageManifest { MediaType = MediaTypes.OciManifest, Config = config, Layers = layerDescriptors };
            var manifestDescriptor = blobs.AddBytes(StoredImage.Serialize(manifest, OciJsonContext.Default.ImageManifest), MediaTypes.OciManifest)
                with { Platform = stored.Platform };

            // docker writes the top layer's ID into the legacy repositories file (moby image/tarexport save.go).
            var top = diffIds.Count > 0 ? diffIds[^1].Encoded : image.ConfigDigest.Encoded;
            foreach (var tag in stored.Tags)
            {
                if (!repositories.TryGetValue(tag.FamiliarName, out var tags))
                    repositories[tag.FamiliarName] = tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
                tags[tag.Tag!] = top;
                index.Add(manifestDescriptor with { Annotations = StoredImage.NameAnnotations(tag, tag.Tag!) });
            }
            if (stored.Tags.Count == 0) index.Add(manifestDescriptor);
            items.Add(new DockerManifestItem
            {
                Config = LayoutPaths.BlobPath(image.ConfigDigest),
                RepoTags = [.. stored.Tags.Select(t => t.ToFamiliarString())],
                Layers = [.. diffIds.Select(LayoutPaths.BlobPath)],
            });
        }

        await blobs.WriteAsync(sink, ct).ConfigureAwait(false);
        await WriteJsonAsync(sink, LayoutPaths.IndexJson, StoredImage.Serialize(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = index }, OciJsonContext.Default.ImageIndex), ct).ConfigureAwait(false);
        await WriteJsonAsync(sink, LayoutPaths.ManifestJson, StoredImage.Serialize(items, ImagesJsonContext.Default.ListDockerManifestItem), ct).ConfigureAwait(false);
        await WriteJsonAsync(sink, LayoutPaths.OciLayoutFile, StoredImage.Serialize(new OciLayoutHeader(), OciJsonContext.Default.OciLayoutHeader), ct).ConfigureAwait(false);
        if (repositories.Count > 0)
            await WriteJsonAsync(sink, LayoutPaths.Repositories, StoredImage.Serialize(repositories, ImagesJsonContext.Default.SortedDictionaryStringSortedDictionaryStringString), ct).ConfigureAwait(false);
        await sink.FinishAsync(ct).ConfigureAwait(false);
    }

    public static async Task WriteJsonAsync(ILayoutSink sink, string name, byte[] json, CancellationToken ct)
    {
        await using var stream = new MemoryStream(json, writable: false);
        await sink.AddFileAsync(name, stream, json.Length, ct).ConfigureAwait(false);
    }
}
