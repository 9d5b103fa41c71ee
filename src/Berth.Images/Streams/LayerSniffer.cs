using Berth.Oci;
using ZstdSharp;

namespace Berth.Images.Streams;

/// <summary>
/// Decides what a blob is from its first block: gzip or zstd by magic (Berth.Archive's Compression), a tar by
/// a valid header, or nothing a layer may be. Berth.Archive treats anything unknown as a plain tar, which suits
/// layers with a declared media type; archives carry none, so a layer's kind is checked here.
/// </summary>
internal static class LayerSniffer
{
    /// <summary>Bytes to peek: one tar header block, enough for every magic number.</summary>
    public const int HeadLength = 512;

    /// <summary>Gzip or zstd by magic, <see cref="LayerCompression.None"/> for a tar header, null for anything else.</summary>
    public static LayerCompression? Detect(ReadOnlySpan<byte> head)
    {
        var compression = Archive.Compression.Detect(head);
        if (compression != LayerCompression.None) return compression;
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
        long stored = 0;
        var digits = 0;
        foreach (var b in block.Slice(148, 8))
        {
            if (b is (byte)' ' or 0)
            {
                if (digits > 0) break;
                continue;
            }
            if (b is < (byte)'0' or > (byte)'7') return false;
            stored = stored * 8 + (b - '0');
            digits++;
        }
        if (digits == 0) return false;
        long sum = 0;
        for (var i = 0; i < HeadLength; i++) sum += i is >= 148 and < 156 ? ' ' : block[i];
        return sum == stored;
    }

    /// <summary>A decompressing stream over <paramref name="compressed"/> (which must start at its first byte).</summary>
    public static async Task<Stream> DecompressAsync(Stream compressed, CancellationToken ct) =>
        (await Archive.Compression.OpenDecompressedAsync(compressed, leaveOpen: true, ct).ConfigureAwait(false)).Content;

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
