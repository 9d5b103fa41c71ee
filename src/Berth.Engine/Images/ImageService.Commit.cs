using System.Text.Json;
using Berth.Archive.Changes;
using Berth.Content;
using Berth.Images;
using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>A tar holding nothing: its two end blocks. moby's layer.IsEmpty: such a layer is left out of rootfs.</summary>
    private static readonly Digest EmptyLayer = Digest.Compute(new byte[1024]);

    /// <summary>
    /// docker commit's image (moby image.NewChildImage): the parent's layers plus the new one, stored
    /// uncompressed so its digest is its diffID; the parent's platform; the container's config with the
    /// <c>--change</c> edits; the parent's history plus one entry with the author, the message and the
    /// container's command. A layer with nothing in it is recorded as an empty_layer history entry only.
    /// </summary>
    internal async Task<RegisteredImage> CommitAsync(ImageCommit commit, Func<Stream, CancellationToken, Task<LayerWriteResult>> writeLayer,
        CancellationToken ct)
    {
        var name = ParseCommitReference(commit.Reference);
        var config = ChangeParser.Apply(commit.Config, commit.Changes);
        RegisteredImage registered;
        using (SharedLock(ct))
        {
            var parent = AllImages().FirstOrDefault(i => i.Id == commit.ParentId)
                ?? throw BerthException.NotFound($"No such image: {commit.ParentId}");
            var parentManifest = await ReadManifestAsync(parent.ManifestDigest, ct).ConfigureAwait(false);
            var parentConfig = await ReadConfigAsync(commit.ParentId, ct).ConfigureAwait(false);
            var oci = parentManifest.Config.MediaType == MediaTypes.OciConfig;

            LayerWriteResult layer;
            Descriptor? layerDescriptor = null;
            await using (var writer = _content.BeginWrite("commit-" + Guid.NewGuid().ToString("N")))
            {
                writer.Truncate();
                layer = await writeLayer(writer, ct).ConfigureAwait(false);
                if (layer.DiffId != EmptyLayer)
                {
                    var info = await writer.CommitAsync(layer.DiffId, layer.Size, ct).ConfigureAwait(false);
                    layerDescriptor = new Descriptor { MediaType = oci ? MediaTypes.OciLayer : MediaTypes.DockerLayer, Digest = info.Digest, Size = info.Size };
                }
            }

            var created = _time.GetUtcNow();
            var history = new HistoryEntry
            {
                Created = created,
                CreatedBy = string.Join(' ', commit.Config.Cmd ?? []),
                Author = NullIfEmpty(commit.Author),
                Comment = NullIfEmpty(commit.Comment),
                EmptyLayer = layerDescriptor is null ? true : null,
            };
            var imageConfig = new ImageConfig
            {
                Created = created,
                Author = NullIfEmpty(commit.Author),
                Architecture = parentConfig.Architecture,
                Os = parentConfig.Os,
                OsVersion = parentConfig.OsVersion,
                Variant = parentConfig.Variant,
                Config = config,
                RootFs = new RootFs { DiffIds = [.. parentConfig.RootFs.DiffIds, .. layerDescriptor is null ? Array.Empty<Digest>() : [layer.DiffId]] },
                History = [.. parentConfig.History ?? [], history],
                Comment = NullIfEmpty(commit.Comment),
                Parent = commit.ParentId.ToString(),
            };
            var configInfo = await _content.IngestAsync(JsonSerializer.SerializeToUtf8Bytes(imageConfig, OciJsonContext.Default.ImageConfig), ct)
                .ConfigureAwait(false);
            var manifest = new ImageManifest
            {
                MediaType = oci ? MediaTypes.OciManifest : MediaTypes.DockerManifest,
                Config = new Descriptor { MediaType = oci ? MediaTypes.OciConfig : MediaTypes.DockerConfig, Digest = configInfo.Digest, Size = configInfo.Size },
                Layers = [.. parentManifest.Layers, .. layerDescriptor is null ? Array.Empty<Descriptor>() : [layerDescriptor]],
            };
            var manifestInfo = await _content.IngestAsync(JsonSerializer.SerializeToUtf8Bytes(manifest, OciJsonContext.Default.ImageManifest), ct)
                .ConfigureAwait(false);
            var descriptor = new Descriptor { MediaType = manifest.MediaType, Digest = manifestInfo.Digest, Size = manifestInfo.Size };
            registered = await RegisterAsync(descriptor, name is null ? [] : [name], null, null, ct).ConfigureAwait(false);
        }
        _collector.TryCollect();
        return registered;
    }

    private static Reference? ParseCommitReference(string? repositoryTag)
    {
        if (string.IsNullOrEmpty(repositoryTag)) return null;
        if (!Reference.TryParse(repositoryTag, out var reference, out var error))
            throw BerthException.Invalid($"invalid reference format: {error}".Replace("invalid reference format: invalid reference format", "invalid reference format"));
        if (reference.Digest is not null) throw BerthException.Invalid("cannot commit to digest reference");
        return reference.WithDefaultTag();
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
