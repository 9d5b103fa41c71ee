using Berth.Archive;
using System.Text.Json;
using Berth.Content;
using Berth.Images.Layout;
using Berth.Images.Streams;
using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Images;

/// <summary>
/// <c>docker import</c>: a tarball of a root filesystem (plain, gzip or zstd) becomes a one-layer image. The
/// layer is stored uncompressed, so its digest is its diffID. The config carries the target platform,
/// <c>created</c> from <see cref="ImportOptions.Time"/>, the <c>--change</c> edits, and docker's comment
/// (<c>Imported from -</c>, or the message) both at the top level and in the single history entry. The
/// manifest is Docker schema 2. A failed import can leave the layer blob unreferenced; GC removes it.
/// </summary>
public static class RootfsImporter
{
    public static async Task<ArchiveImage> ImportAsync(Stream tarball, ImportOptions options, IContentIngester ingester, CancellationToken ct)
    {
        var containerConfig = ChangeParser.Apply(null, options.Changes);
        var layer = await StoreLayerAsync(tarball, ingester, ct).ConfigureAwait(false);
        var created = options.Time.GetUtcNow();
        var comment = string.IsNullOrEmpty(options.Message) ? "Imported from " + options.Source : options.Message;
        var platform = options.Platform ?? Platform.Host;
        var config = new ImageConfig
        {
            Created = created,
            Architecture = platform.Architecture,
            Os = platform.Os,
            Variant = platform.Variant,
            Config = containerConfig,
            RootFs = new RootFs { DiffIds = [layer.Digest] },
            History = [new HistoryEntry { Created = created, Comment = comment }],
            Comment = comment,
        };
        var configInfo = await ingester.IngestAsync(JsonSerializer.SerializeToUtf8Bytes(config, OciJsonContext.Default.ImageConfig), ct).ConfigureAwait(false);
        var manifest = new ImageManifest
        {
            MediaType = MediaTypes.DockerManifest,
            Config = new Descriptor { MediaType = MediaTypes.DockerConfig, Digest = configInfo.Digest, Size = configInfo.Size },
            Layers = [new Descriptor { MediaType = MediaTypes.DockerLayer, Digest = layer.Digest, Size = layer.Size }],
        };
        var manifestInfo = await ingester.IngestAsync(JsonSerializer.SerializeToUtf8Bytes(manifest, OciJsonContext.Default.ImageManifest), ct).ConfigureAwait(false);
        return new ArchiveImage
        {
            Manifest = new Descriptor { MediaType = MediaTypes.DockerManifest, Digest = manifestInfo.Digest, Size = manifestInfo.Size },
            ConfigDigest = configInfo.Digest,
        };
    }

    private static async Task<ContentInfo> StoreLayerAsync(Stream tarball, IContentIngester ingester, CancellationToken ct)
    {
        var head = await LayerSniffer.PeekAsync(tarball, ct).ConfigureAwait(false);
        var compression = LayerSniffer.Detect(head) ?? throw BerthException.Invalid("invalid tar: input is not a tar, gzip or zstd stream");
        Stream input = new PrefixedReadStream(head, tarball, leaveOpen: true);
        if (compression != LayerCompression.None)
        {
            input = await LayerSniffer.DecompressAsync(input, ct).ConfigureAwait(false);
            var inner = await LayerSniffer.PeekAsync(input, ct).ConfigureAwait(false);
            if (!LayerSniffer.LooksLikeTar(inner)) throw BerthException.Invalid($"invalid tar: decompressed {compression.ToString().ToLowerInvariant()} input is not a tar");
            input = new PrefixedReadStream(inner, input, leaveOpen: false);
        }
        await using (input.ConfigureAwait(false))
        {
            await using var writer = ingester.BeginWrite("import-" + Guid.NewGuid().ToString("N"));
            writer.Truncate();
            try
            {
                await input.CopyToAsync(writer, 1 << 20, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (LayerSniffer.IsCorruptData(e))
            {
                throw BerthException.Invalid($"invalid tar: corrupt {compression.ToString().ToLowerInvariant()} data: {e.Message}", e);
            }
            return await writer.CommitAsync(null, null, ct).ConfigureAwait(false);
        }
    }
}
