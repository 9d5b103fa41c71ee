using System.IO.Compression;
using Berth.Oci;
using ZstdSharp;

namespace Berth.Images.Streams;

/// <summary>
/// Tells gzip, zstd and plain tar apart by their first bytes, and opens a decompressing stream. A stand-in for
/// Berth.Archive's Compression until that project lands; it needs only a peeked header, so it works on
/// non-seekable input.
/// </summary>
internal static class Compression
{
    /// <summary>Bytes to peek: one tar header block, enough for every magic number.</summary>
    public const int HeadLength = 512;

    /// <summary>Gzip or zstd by magic, <see cref="LayerCompression.None"/> for a tar header, null for anything else.</summary>
    public static LayerCompression? Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0x1f && head[1] == 0x8b && head[2] == 0x08) return LayerCompression.Gzip;
        if (head.Length >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd) return LayerCompression.Zstd;
        return LooksLikeTar(head) ? LayerCompression.None : null;
    }

    /// <summary>
    /// A tar stream starts with a header whose checksum matches, or with the zero block that ends an empty tar
    /// (docker's empty layer is 1,024 zero bytes). The ustar magic alone is not required: v7 tars lack it.
    /// </summary>
    public static bool LooksLikeTar(ReadOnlySpan<byte> head)
    {
        if (head.Length < HeadLength) return false;
        var block = head[..HeadLength];
        if (!block.ContainsAnyExcept((byte)0)) return true;
        var field = block.Slice(148, 8);
        long stored = 0;
        var digits = 0;
        foreach (var b in field)
        {
            if (b is (byte)' ' or 0) { if (digits > 0) break; continue; }
            if (b is < (byte)'0' or > (byte)'7') return false;
            stored = stored * 8 + (b - '0');
            digits++;
        }
        if (digits == 0) return false;
        long sum = 0;
        for (var i = 0; i < HeadLength; i++) sum += i is >= 148 and < 156 ? ' ' : block[i];
        return sum == stored;
    }

    public static Stream Decompress(Stream compressed, LayerCompression compression, bool leaveOpen) => compression switch
    {
        LayerCompression.Gzip => new GZipStream(compressed, CompressionMode.Decompress, leaveOpen),
        LayerCompression.Zstd => new DecompressionStream(compressed, leaveOpen: leaveOpen),
        _ => compressed,
    };

    /// <summary>Whether an exception is what a decompressor throws on corrupt input.</summary>
    public static bool IsCorruptData(Exception e) => e is InvalidDataException or ZstdException or EndOfStreamException;

    /// <summary>Reads up to <see cref="HeadLength"/> bytes; fewer only at the end of the stream.</summary>
    public static async Task<byte[]> PeekAsync(Stream source, CancellationToken ct)
    {
        var head = new byte[HeadLength];
        var read = await source.ReadAtLeastAsync(head, HeadLength, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        return read == HeadLength ? head : head[..read];
    }
}
