using Berth.Content;
using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Images.Layout;

/// <summary>
/// Writes an OCI image layout (image-layout.md): blobs exactly as stored (compressed layers stay compressed),
/// index.json naming each tag with both <c>org.opencontainers.image.ref.name</c> (the full reference, which
/// skopeo's <c>oci-archive:FILE:NAME</c> matches) and <c>io.containerd.image.name</c>, and oci-layout.
/// An OCI manifest with a stored descriptor is copied byte for byte; a Docker schema 2 manifest is rewritten
/// with the equivalent OCI media types, since umoci and other OCI-only readers reject Docker ones.
/// </summary>
internal static class OciLayoutWriter
{
    public static async Task WriteAsync(IReadOnlyList<ImageToSave> images, IContentProvider provider, ILayoutSink sink, CancellationToken ct)
    {
        var blobs = new LayoutBlobs(provider);
        var index = new List<Descriptor>();
        foreach (var image in images)
        {
            var stored = await StoredImage.LoadAsync(image, provider, ct).ConfigureAwait(false);
            blobs.AddStored(image.ConfigDigest, image.Manifest.Config.Size);
            foreach (var layer in image.Manifest.Layers) blobs.AddStored(layer.Digest, layer.Size);
            var manifest = await ManifestBytesAsync(image, provider, ct).ConfigureAwait(false);
            var descriptor = blobs.AddBytes(manifest.Bytes, manifest.MediaType) with { Platform = stored.Platform };
            foreach (var tag in stored.Tags)
                index.Add(descriptor with { Annotations = StoredImage.NameAnnotations(tag, tag.ToString()) });
            if (stored.Tags.Count == 0) index.Add(descriptor);
        }
        await blobs.WriteAsync(sink, ct).ConfigureAwait(false);
        var indexJson = StoredImage.Serialize(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = index }, OciJsonContext.Default.ImageIndex);
        await DockerArchiveWriter.WriteJsonAsync(sink, LayoutPaths.IndexJson, indexJson, ct).ConfigureAwait(false);
        await DockerArchiveWriter.WriteJsonAsync(sink, LayoutPaths.OciLayoutFile, StoredImage.Serialize(new OciLayoutHeader(), OciJsonContext.Default.OciLayoutHeader), ct).ConfigureAwait(false);
        await sink.FinishAsync(ct).ConfigureAwait(false);
    }

    private static async Task<(byte[] Bytes, string MediaType)> ManifestBytesAsync(ImageToSave image, IContentProvider provider, CancellationToken ct)
    {
        if (image.ManifestDescriptor is { MediaType: MediaTypes.OciManifest } stored)
        {
            var bytes = await provider.ReadAllBytesAsync(stored.Digest, LayoutScanner.MaxJsonSize, ct).ConfigureAwait(false);
            if (Digest.Compute(bytes) != stored.Digest) throw new BerthException(ErrorKind.Internal, $"content {stored.Digest}: digest mismatch");
            return (bytes, MediaTypes.OciManifest);
        }
        var manifest = image.Manifest with
        {
            MediaType = MediaTypes.OciManifest,
            Config = image.Manifest.Config with { MediaType = ToOci(image.Manifest.Config.MediaType) },
            Layers = [.. image.Manifest.Layers.Select(l => l with { MediaType = ToOci(l.MediaType) })],
        };
        return (StoredImage.Serialize(manifest, OciJsonContext.Default.ImageManifest), MediaTypes.OciManifest);
    }

    private static string ToOci(string mediaType) => mediaType switch
    {
        MediaTypes.DockerConfig => MediaTypes.OciConfig,
        MediaTypes.DockerLayer => MediaTypes.OciLayer,
        MediaTypes.DockerLayerGzip => MediaTypes.OciLayerGzip,
        MediaTypes.DockerForeignLayerGzip => MediaTypes.OciLayerNondistributableGzip,
        _ => mediaType,
    };
}
