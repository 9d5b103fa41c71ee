using System.IO.Compression;
using Berth.Oci;
using ZstdSharp;

namespace Berth.Archive;

/// <summary>
/// Layer compression by magic bytes, the way Docker and containerd decide it (the media type is only a hint;
/// docker-archive layers carry none). Detection peeks at four bytes and replays them, so the input never has
/// to be seekable: a registry response body works as well as a file.
/// </summary>
public static class Compression
{
    // RFC 1952 section 2.3.1 (ID1 ID2) and RFC 8878 section 3.1.1 (frame magic 0xFD2FB528, little-endian).
    private static ReadOnlySpan<byte> GzipMagic => [0x1f, 0x8b];
    private static ReadOnlySpan<byte> ZstdMagic => [0x28, 0xb5, 0x2f, 0xfd];
    private const int PeekLength = 4;

    /// <summary>Which compression the first bytes of a stream announce; anything else is a plain tar.</summary>
    public static LayerCompression Detect(ReadOnlySpan<byte> prefix)
    {
        if (prefix.StartsWith(GzipMagic)) return LayerCompression.Gzip;
        if (prefix.StartsWith(ZstdMagic)) return LayerCompression.Zstd;
        return LayerCompression.None;
    }

    /// <summary>
    /// Peeks at <paramref name="input"/> and returns a stream of its uncompressed bytes. Truncation is reported
    /// as <see cref="InvalidDataException"/> (gzip, checked against the trailer once the output is read to its
    /// end) or ZstdException/EndOfStreamException (zstd). Disposing the returned stream disposes
    /// <paramref name="input"/> unless <paramref name="leaveOpen"/>.
    /// </summary>
    public static Task<(Stream Content, LayerCompression Compression)> OpenDecompressedAsync(
        Stream input, bool leaveOpen, CancellationToken ct) => OpenDecompressedAsync(input, leaveOpen, buffered: true, ct);

    /// <summary>
    /// As the public overload; <paramref name="buffered"/> false leaves out the large input buffer below the gzip
    /// decompressor, for an input that already serves its reads from large chunks in memory.
    /// </summary>
    internal static async Task<(Stream Content, LayerCompression Compression)> OpenDecompressedAsync(
        Stream input, bool leaveOpen, bool buffered, CancellationToken ct)
    {
        var prefix = new byte[PeekLength];
        var filled = await input.ReadAtLeastAsync(prefix, PeekLength, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        var compression = Detect(prefix.AsSpan(0, filled));
        Stream replay = new PrefixedReadStream(prefix.AsMemory(0, filled), input, leaveOpen);
        Stream content = compression switch
        {
            // GZipStream pulls its input 8 KiB at a time; a large buffer below it turns that into few big reads of
            // the network or file underneath.
            LayerCompression.Gzip => new GzipVerifyingStream(buffered ? new BufferedStream(replay, 1 << 20) : replay),
            // checkEndOfStream: a frame cut short must fail, not end quietly, or a truncated layer would pass.
            LayerCompression.Zstd => new DecompressionStream(replay, bufferSize: 0, checkEndOfStream: true, leaveOpen: false),
            _ => replay,
        };
        return (content, compression);
    }

    /// <summary>A stream that gzip- or zstd-compresses what is written to it into <paramref name="output"/>.</summary>
    public static Stream OpenCompressing(Stream output, LayerCompression compression, bool leaveOpen) => compression switch
    {
        LayerCompression.Gzip => new GZipStream(output, CompressionLevel.Optimal, leaveOpen),
        LayerCompression.Zstd => new CompressionStream(output, level: 3, leaveOpen: leaveOpen),
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "only gzip and zstd compress; write a plain tar to the output directly"),
    };
}
