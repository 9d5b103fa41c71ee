using System.IO.Compression;
using Berth.Oci;

namespace Berth.Engine.Images;

/// <summary>
/// The gzip form in which an uncompressed layer (what build, commit and import store) goes to a registry, as
/// docker pushes them. Compression is deterministic (no name or time in the gzip header, one zlib), so a layer
/// always compresses to the same blob; that blob's descriptor is remembered per layer under
/// <c>distribution/gzip/</c>, so a later push asks the registry for it before compressing again.
/// </summary>
internal sealed class PushCompression(string cacheDirectory, string temporaryDirectory)
{
    /// <summary>Whether <paramref name="layer"/> is stored uncompressed and so is compressed for a registry.</summary>
    public static bool Applies(Descriptor layer) => layer.MediaType is MediaTypes.OciLayer or MediaTypes.DockerLayer;

    /// <summary>The descriptor an earlier push compressed <paramref name="layer"/> to, if any.</summary>
    public Descriptor? Remembered(Descriptor layer)
    {
        string text;
        try
        {
            text = File.ReadAllText(CachePath(layer));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        var fields = text.Split(' ', StringSplitOptions.TrimEntries);
        if (fields.Length != 2 || !Digest.TryParse(fields[0], out var digest) || !long.TryParse(fields[1], out var size)) return null;
        return Compressed(layer, digest, size);
    }

    /// <summary>
    /// Compresses <paramref name="layer"/> into a temporary file (deleted when the result is disposed) and
    /// remembers the result. Fastest zlib level: layers of model weights barely compress, and the upload should
    /// not wait on the compressor.
    /// </summary>
    public async Task<CompressedLayer> CompressAsync(Descriptor layer, Func<Stream> open, CancellationToken ct)
    {
        Directory.CreateDirectory(temporaryDirectory);
        var path = Path.Combine(temporaryDirectory, "push-" + Berth.Linux.SecureRandom.HexString(8) + ".gz");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await using (var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true))
                await using (var source = open())
                    await source.CopyToAsync(gzip, 1 << 20, ct).ConfigureAwait(false);
            }
            Digest digest;
            await using (var written = File.OpenRead(path)) digest = await Digest.ComputeAsync(written, ct).ConfigureAwait(false);
            var compressed = Compressed(layer, digest, new FileInfo(path).Length);
            Remember(layer, compressed);
            return new CompressedLayer(compressed, path);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private void Remember(Descriptor layer, Descriptor compressed)
    {
        Storage.ReplaceableFile.Write(CachePath(layer), $"{compressed.Digest} {compressed.Size}");
    }

    private string CachePath(Descriptor layer) => Path.Combine(cacheDirectory, $"{layer.Digest.Algorithm}-{layer.Digest.Encoded}");

    private static Descriptor Compressed(Descriptor layer, Digest digest, long size) => layer with
    {
        MediaType = layer.MediaType == MediaTypes.OciLayer ? MediaTypes.OciLayerGzip : MediaTypes.DockerLayerGzip,
        Digest = digest,
        Size = size,
    };
}
