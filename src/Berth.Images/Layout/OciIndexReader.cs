using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Images.Layout;

/// <summary>
/// Builds images from an OCI image layout's index.json (image-layout.md). Every blob was verified against its
/// name while scanning; here each manifest, config and layer is checked against its descriptor (size, media
/// type against the real compression, diffIDs against the config). A nested index resolves to the manifest for
/// the host platform, or to its only manifest. Names come from <c>io.containerd.image.name</c>, else from
/// <c>org.opencontainers.image.ref.name</c> when that is a full reference; a bare tag names nothing.
/// </summary>
internal static class OciIndexReader
{
    private const int MaxIndexDepth = 4;

    public static IReadOnlyList<ArchiveImage> Read(LayoutContents contents)
    {
        var index = LayoutJson.Parse(contents.Metadata(LayoutPaths.IndexJson), OciJsonContext.Default.ImageIndex, LayoutPaths.IndexJson);
        var images = new List<ArchiveImage>();
        var byManifest = new Dictionary<Digest, int>();
        foreach (var descriptor in index.Manifests ?? [])
        {
            var manifest = Resolve(contents, descriptor, 0);
            if (manifest is null) continue;
            var names = NamesOf(descriptor.Annotations);
            if (byManifest.TryGetValue(manifest.Digest, out var at))
            {
                images[at] = images[at] with { RepoTags = [.. images[at].RepoTags.Union(names)] };
                continue;
            }
            var configDigest = Validate(contents, manifest);
            byManifest[manifest.Digest] = images.Count;
            images.Add(new ArchiveImage
            {
                Manifest = new Descriptor { MediaType = manifest.MediaType, Digest = manifest.Digest, Size = manifest.Size },
                ConfigDigest = configDigest,
                RepoTags = names,
            });
        }
        if (images.Count == 0) throw LayoutPaths.Invalid("index.json lists no images");
        return images;
    }

    private static IReadOnlyList<string> NamesOf(IReadOnlyDictionary<string, string>? annotations)
    {
        if (annotations is null) return [];
        if (annotations.TryGetValue(Annotations.ContainerdImageName, out var full) && full.Length > 0) return [full];
        // A tag cannot contain '/' or ':', so a ref.name with either is a reference, not a bare tag.
        if (annotations.TryGetValue(Annotations.RefName, out var refName) && refName.IndexOfAny(['/', ':']) >= 0) return [refName];
        return [];
    }

    /// <summary>The image manifest a descriptor leads to; null for entries that are not images (artifacts).</summary>
    private static Descriptor? Resolve(LayoutContents contents, Descriptor descriptor, int depth)
    {
        var entry = contents.Require(LayoutPaths.BlobPath(descriptor.Digest), LayoutPaths.IndexJson);
        LayerChecks.CheckSize(entry, descriptor);
        var probe = LayoutJson.Parse(entry.Json, OciJsonContext.Default.ManifestProbe, $"manifest {descriptor.Digest}");
        var mediaType = descriptor.MediaType ?? probe.EffectiveMediaType;
        if (MediaTypes.IsManifest(mediaType)) return descriptor with { MediaType = mediaType! };
        if (!MediaTypes.IsIndex(mediaType)) return null;
        if (depth >= MaxIndexDepth) throw LayoutPaths.Invalid($"index {descriptor.Digest} nests more than {MaxIndexDepth} levels");
        var candidates = (probe.Manifests ?? []).Where(d => MediaTypes.IsManifest(d.MediaType) && d.Platform?.Os != "unknown").ToList();
        var chosen = candidates.Count == 1 ? candidates[0] : candidates.FirstOrDefault(d => Matches(d.Platform, Platform.Host));
        if (chosen is null)
        {
            var nested = (probe.Manifests ?? []).Where(d => MediaTypes.IsIndex(d.MediaType)).ToList();
            if (nested.Count == 1) return Resolve(contents, nested[0], depth + 1);
            throw LayoutPaths.Invalid($"index {descriptor.Digest} has no manifest for platform {Platform.Host}");
        }
        return Resolve(contents, chosen, depth + 1);
    }

    private static bool Matches(Platform? candidate, Platform host) =>
        candidate is not null && candidate.Os == host.Os && candidate.Architecture == host.Architecture &&
        (candidate.Variant is null || host.Variant is null || candidate.Variant == host.Variant);

    /// <summary>Checks the manifest's config and layers; returns the config digest (the image ID).</summary>
    private static Digest Validate(LayoutContents contents, Descriptor descriptor)
    {
        var entry = contents.Require(LayoutPaths.BlobPath(descriptor.Digest), LayoutPaths.IndexJson);
        var manifest = LayoutJson.Parse(entry.Json, OciJsonContext.Default.ImageManifest, $"manifest {descriptor.Digest}");
        if (manifest.Config is null || manifest.Layers is null) throw LayoutPaths.Invalid($"manifest {descriptor.Digest} has no config or layers");
        var what = $"manifest {descriptor.Digest}";
        var configEntry = contents.Require(LayoutPaths.BlobPath(manifest.Config.Digest), what);
        LayerChecks.CheckSize(configEntry, manifest.Config);
        var config = LayoutJson.Parse(configEntry.Json, OciJsonContext.Default.ImageConfig, $"config {manifest.Config.Digest}");
        var diffIds = config.RootFs.DiffIds;
        if (diffIds.Count != manifest.Layers.Count)
            throw LayoutPaths.Invalid($"config {manifest.Config.Digest} lists {diffIds.Count} diff_ids but {what} lists {manifest.Layers.Count} layers");
        for (var i = 0; i < diffIds.Count; i++)
        {
            var layer = manifest.Layers[i];
            LayerChecks.Verify(contents.Require(LayoutPaths.BlobPath(layer.Digest), what), layer, diffIds[i]);
        }
        return manifest.Config.Digest;
    }
}
