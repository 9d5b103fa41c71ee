using System.Text.Json;
using Berth.Content;
using Berth.Images.Json;
using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Images.Layout;

/// <summary>
/// Builds images from a docker-archive's manifest.json. The same code reads both layouts docker writes: the
/// classic one (<c>&lt;id&gt;.json</c> configs, <c>&lt;id&gt;/layer.tar</c>) and docker 25+'s (paths are
/// <c>blobs/sha256/&lt;hex&gt;</c>). Each image gets a new Docker schema 2 manifest stored as a blob, with
/// layer media types chosen from the bytes; a zstd layer has no Docker media type, so such images get OCI ones.
/// </summary>
internal static class DockerManifestReader
{
    public static async Task<IReadOnlyList<ArchiveImage>> ReadAsync(LayoutContents contents, IContentIngester ingester, CancellationToken ct)
    {
        var items = LayoutJson.Parse(contents.Metadata(LayoutPaths.ManifestJson), ImagesJsonContext.Default.ListDockerManifestItem, LayoutPaths.ManifestJson);
        if (items.Count == 0) throw LayoutPaths.Invalid("manifest.json lists no images");
        var images = new List<ArchiveImage>();
        foreach (var item in items)
        {
            ct.ThrowIfCancellationRequested();
            images.Add(await ReadImageAsync(item, contents, ingester, ct).ConfigureAwait(false));
        }
        return images;
    }

    private static async Task<ArchiveImage> ReadImageAsync(DockerManifestItem item, LayoutContents contents, IContentIngester ingester, CancellationToken ct)
    {
        var configPath = LayoutPaths.Referenced(item.Config, "manifest.json Config");
        var configEntry = contents.Require(configPath, LayoutPaths.ManifestJson);
        var config = LayoutJson.Parse(configEntry.Json, OciJsonContext.Default.ImageConfig, $"config \"{configPath}\"");
        if (!configEntry.Stored)
            await ingester.IngestAsync(configEntry.Json!, ct).ConfigureAwait(false);

        var paths = item.Layers ?? [];
        var diffIds = config.RootFs.DiffIds;
        if (diffIds.Count != paths.Count)
            throw LayoutPaths.Invalid($"config \"{configPath}\" lists {diffIds.Count} diff_ids but manifest.json lists {paths.Count} layers");
        var layers = new List<(LayoutEntry Entry, LayerCompression Compression)>();
        for (var i = 0; i < paths.Count; i++)
        {
            var path = LayoutPaths.Referenced(paths[i], "manifest.json layer");
            var entry = contents.Require(path, LayoutPaths.ManifestJson);
            layers.Add((entry, LayerChecks.Verify(entry, diffIds[i], path)));
        }

        var oci = layers.Any(l => l.Compression == LayerCompression.Zstd);
        var manifest = new ImageManifest
        {
            MediaType = oci ? MediaTypes.OciManifest : MediaTypes.DockerManifest,
            Config = new Descriptor { MediaType = oci ? MediaTypes.OciConfig : MediaTypes.DockerConfig, Digest = configEntry.Digest, Size = configEntry.Size },
            Layers = [.. layers.Select(l => new Descriptor { MediaType = LayerMediaType(l.Compression, oci), Digest = l.Entry.Digest, Size = l.Entry.Size })],
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, OciJsonContext.Default.ImageManifest);
        var info = await ingester.IngestAsync(bytes, ct).ConfigureAwait(false);
        return new ArchiveImage
        {
            Manifest = new Descriptor { MediaType = manifest.MediaType, Digest = info.Digest, Size = info.Size },
            ConfigDigest = configEntry.Digest,
            RepoTags = item.RepoTags ?? [],
        };
    }

    private static string LayerMediaType(LayerCompression compression, bool oci) => (compression, oci) switch
    {
        (LayerCompression.None, false) => MediaTypes.DockerLayer,
        (LayerCompression.Gzip, false) => MediaTypes.DockerLayerGzip,
        (LayerCompression.None, true) => MediaTypes.OciLayer,
        (LayerCompression.Gzip, true) => MediaTypes.OciLayerGzip,
        _ => MediaTypes.OciLayerZstd,
    };
}
