using Berth.Content;
using Berth.Images.Streams;
using Berth.Oci;

namespace Berth.Images.Layout;

/// <summary>
/// Turns stored layers into uncompressed tars named by diffID, as docker-archive wants them. A stored
/// uncompressed layer is streamed straight from the store; a compressed one is decompressed to a temporary file
/// first, because a tar entry needs its size before its bytes. Either way the bytes are checked against the
/// diffID the config promises. Disposing deletes the temporary files.
/// </summary>
internal sealed class UncompressedLayers(IContentProvider provider, LayoutBlobs blobs) : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "berth-layers-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<Digest, long> _sizes = [];

    /// <summary>Adds the layer's uncompressed form to the blobs (once per diffID) and returns its size.</summary>
    public async Task<long> AddAsync(Descriptor layer, Digest diffId, CancellationToken ct)
    {
        if (_sizes.TryGetValue(diffId, out var known)) return known;
        var compression = MediaTypes.LayerCompressionOf(layer.MediaType)
            ?? throw BerthException.Invalid($"layer {layer.Digest} has unsupported media type \"{layer.MediaType}\"");
        long size;
        if (compression == LayerCompression.None)
        {
            if (layer.Digest != diffId)
                throw BerthException.Invalid($"uncompressed layer {layer.Digest} does not match its diffID {diffId}");
            size = blobs.AddStored(layer.Digest, layer.Size);
        }
        else
        {
            size = await DecompressAsync(layer, compression, diffId, ct).ConfigureAwait(false);
        }
        _sizes[diffId] = size;
        return size;
    }

    private async Task<long> DecompressAsync(Descriptor layer, LayerCompression compression, Digest diffId, CancellationToken ct)
    {
        Directory.CreateDirectory(_temp);
        var path = Path.Combine(_temp, diffId.Encoded);
        long size;
        await using (var stored = provider.OpenRead(layer.Digest))
        await using (var decompressed = await LayerSniffer.DecompressAsync(stored, ct).ConfigureAwait(false))
        await using (var hashing = new HashingReadStream(decompressed, leaveOpen: true))
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            try
            {
                await hashing.CopyToAsync(file, 1 << 20, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (LayerSniffer.IsCorruptData(e))
            {
                throw new BerthException(ErrorKind.Internal, $"layer {layer.Digest}: corrupt {compression.ToString().ToLowerInvariant()} data: {e.Message}", e);
            }
            if (hashing.ComputedDigest() != diffId)
                throw BerthException.Invalid($"layer {layer.Digest} decompresses to {hashing.ComputedDigest()}, but its config lists diffID {diffId}");
            size = file.Length;
        }
        blobs.AddFile(diffId, path, size);
        return size;
    }

    public void Dispose()
    {
        try { if (Directory.Exists(_temp)) Directory.Delete(_temp, recursive: true); }
        catch (IOException) { }
    }
}
