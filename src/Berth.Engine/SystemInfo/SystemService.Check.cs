using Berth.Archive;
using Berth.Engine.Images;
using Berth.Engine.Storage;
using Berth.Oci;
using Berth.Snapshots;

namespace Berth.Engine.SystemInfo;

public sealed partial class SystemService
{
    /// <summary>
    /// <c>system check</c>: re-verifies every blob against its digest, every image's manifest, config and
    /// layer chain, every layer's snapshot and the database itself. Problems are errors; garbage that the next
    /// collection removes is reported as a note only.
    /// </summary>
    public async Task<CheckReport> CheckAsync(IProgress<string>? progress, CancellationToken ct)
    {
        var problems = new List<string>();
        var notes = new List<string>();
        problems.AddRange(_metadata.IntegrityCheck().Select(p => $"database: {p}"));

        var blobs = new Dictionary<Digest, long>();
        foreach (var blob in _content.Walk())
        {
            ct.ThrowIfCancellationRequested();
            await using var stream = _content.OpenRead(blob.Digest);
            var actual = await Digest.ComputeAsync(stream, ct).ConfigureAwait(false);
            if (actual != blob.Digest) problems.Add($"blob {blob.Digest}: content has digest {actual}");
            else blobs[blob.Digest] = blob.Size;
        }
        progress?.Report($"checked {blobs.Count} blobs");

        var (images, layers) = _metadata.Read(t => (_images.All(t), _images.Layers(t)));
        var byChain = layers.ToDictionary(l => l.ChainId);
        var referenced = new HashSet<Digest>();
        var verifiedLayers = new HashSet<Digest>();
        foreach (var image in images)
            await CheckImageAsync(image, blobs, byChain, referenced, verifiedLayers, problems, ct).ConfigureAwait(false);
        progress?.Report($"checked {images.Count} images");

        foreach (var layer in layers)
        {
            if (_snapshotter.Stat(layer.ChainId.ToString()) is not { Kind: SnapshotKind.Committed })
                problems.Add($"layer {layer.ChainId}: its snapshot is missing");
            if (layer.ParentChainId is { } parent && !byChain.ContainsKey(parent))
                problems.Add($"layer {layer.ChainId}: parent layer {parent} is not recorded");
        }
        // The build cache keeps its step layers (blobs and chain snapshots) as garbage collection does.
        var cached = _metadata.Read(t => new Metadata.BuildCacheTable(_metadata).All(t));
        foreach (var step in cached)
        {
            if (step.Blob is { } blob) referenced.Add(blob.Digest);
        }
        var unreferenced = blobs.Keys.Where(b => !referenced.Contains(b)).ToList();
        if (unreferenced.Count > 0)
            notes.Add($"{unreferenced.Count} unreferenced blobs ({unreferenced.Sum(b => blobs[b])} bytes) await garbage collection");
        var liveChains = layers.Select(l => l.ChainId.ToString())
            .Concat(cached.Where(c => c.ChainId is not null).Select(c => c.ChainId!.Value.ToString())).ToHashSet();
        var stray = _snapshotter.Walk().Count(s => s.Kind == SnapshotKind.Committed && !liveChains.Contains(s.Key));
        if (stray > 0) notes.Add($"{stray} unused layer snapshots await garbage collection");
        return new CheckReport(problems, notes, blobs.Count, images.Count, layers.Count);
    }

    private async Task CheckImageAsync(Metadata.ImageRecord image, Dictionary<Digest, long> blobs,
        Dictionary<Digest, Metadata.LayerRecord> byChain, HashSet<Digest> referenced, HashSet<Digest> verifiedLayers,
        List<string> problems, CancellationToken ct)
    {
        var label = image.Names.FirstOrDefault().Name is { } name ? $"image {image.Id.Short} ({ImageService.Familiar(name)})" : $"image {image.Id.Short}";
        referenced.Add(image.ManifestDigest);
        referenced.Add(image.Id);
        if (!blobs.ContainsKey(image.ManifestDigest)) { problems.Add($"{label}: manifest {image.ManifestDigest} is missing or corrupt"); return; }
        if (!blobs.ContainsKey(image.Id)) { problems.Add($"{label}: config {image.Id} is missing or corrupt"); return; }
        ImageManifest manifest;
        ImageConfig config;
        try
        {
            manifest = ManifestReader.Read(_content, image.ManifestDigest);
            await using var configStream = _content.OpenRead(image.Id);
            config = System.Text.Json.JsonSerializer.Deserialize(configStream, Oci.Json.OciJsonContext.Default.ImageConfig)!;
        }
        catch (Exception e) when (e is BerthException or System.Text.Json.JsonException)
        {
            problems.Add($"{label}: {e.Message}");
            return;
        }
        if (manifest.Config.Digest != image.Id) problems.Add($"{label}: manifest names config {manifest.Config.Digest}");
        if (config.RootFs.DiffIds.Count != manifest.Layers.Count)
            problems.Add($"{label}: config has {config.RootFs.DiffIds.Count} diff_ids for {manifest.Layers.Count} layers");
        var chain = ChainIds.Of(config.RootFs.DiffIds);
        if ((chain.Count == 0 ? null : (Digest?)chain[^1]) != image.ChainId) problems.Add($"{label}: recorded layer chain does not match its config");
        for (var i = 0; i < chain.Count; i++)
        {
            if (!byChain.ContainsKey(chain[i])) problems.Add($"{label}: layer {chain[i]} is not recorded");
            if (i >= manifest.Layers.Count) continue;
            var blob = manifest.Layers[i].Digest;
            referenced.Add(blob);
            if (!blobs.ContainsKey(blob)) { problems.Add($"{label}: layer blob {blob} is missing or corrupt"); continue; }
            if (!verifiedLayers.Add(blob)) continue;
            await using var stream = _content.OpenRead(blob);
            var (plain, _) = await Compression.OpenDecompressedAsync(stream, leaveOpen: true, ct).ConfigureAwait(false);
            await using (plain)
            {
                try
                {
                    var diffId = await Digest.ComputeAsync(plain, ct).ConfigureAwait(false);
                    if (diffId != config.RootFs.DiffIds[i]) problems.Add($"{label}: layer blob {blob} has diffID {diffId}, config says {config.RootFs.DiffIds[i]}");
                }
                catch (Exception e) when (e is InvalidDataException or IOException)
                {
                    problems.Add($"{label}: layer blob {blob} does not decompress: {e.Message}");
                }
            }
        }
    }
}
