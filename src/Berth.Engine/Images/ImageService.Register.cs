using Berth.Engine.Metadata;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// Makes an image whose blobs are already in the content store visible: checks manifest and config, unpacks
    /// the layers, then records image, layers and names in one transaction — the image shows up complete or not
    /// at all. Names moved away from another image leave that one dangling, as docker does.
    /// </summary>
    internal async Task<RegisteredImage> RegisterAsync(
        Descriptor manifestDescriptor, IReadOnlyList<Reference> names, LayerOpener? open, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        var manifest = await ReadManifestAsync(manifestDescriptor.Digest, ct).ConfigureAwait(false);
        if (!MediaTypes.IsConfig(manifest.Config.MediaType))
            throw BerthException.Invalid($"manifest {manifestDescriptor.Digest}: unsupported config media type \"{manifest.Config.MediaType}\"");
        var config = await ReadConfigAsync(manifest.Config.Digest, ct).ConfigureAwait(false);
        var knownLayers = _metadata.Read(_images.Layers).ToDictionary(l => l.ChainId, l => l.Size);
        var layers = await _unpacker.UnpackAsync(manifest, config, chain => knownLayers.TryGetValue(chain, out var s) ? s : null, open, progress, ct)
            .ConfigureAwait(false);

        var now = _time.GetUtcNow();
        var record = new ImageRecord
        {
            Id = manifest.Config.Digest,
            ManifestDigest = manifestDescriptor.Digest,
            Created = config.Created,
            Added = now,
            Size = layers.Sum(l => l.Size),
            ChainId = layers.Count == 0 ? null : layers[^1].ChainId,
        };
        var replaced = _metadata.Write(t =>
        {
            foreach (var layer in layers) _images.InsertLayer(t, layer);
            _images.Insert(t, record);
            var moved = new List<(Reference Name, Digest OldId)>();
            foreach (var name in names)
            {
                var key = name.ToString();
                if (_images.ImageIdOfName(t, key) is { } old && old != record.Id.ToString()) moved.Add((name, Digest.Parse(old)));
                _images.SetName(t, key, record.Id, isDigest: name.Digest is not null && name.Tag is null, now);
            }
            return moved;
        });
        return new RegisteredImage(record.Id, names, replaced);
    }
}
