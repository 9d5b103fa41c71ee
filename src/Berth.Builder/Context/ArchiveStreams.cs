using System.Diagnostics;
using Berth.Archive;
using Berth.Oci;

namespace Berth.Builder.Context;

/// <summary>
/// Recognises the archive formats Docker accepts for a build context on stdin and for ADD (moby's
/// archive.DetectCompression plus a tar header check) and opens them uncompressed. gzip and zstd use Berth's
/// own decoders; bzip2 and xz go through the system's <c>bzip2</c>/<c>xz</c> tools, as moby itself runs
/// <c>xz -d -c -q</c>, so no second decoder has to be trusted.
/// </summary>
internal static class ArchiveStreams
{
    /// <summary>Enough for a compression magic and a whole tar header block.</summary>
    public const int PeekLength = 512;

    public static ArchiveFormat DetectCompression(ReadOnlySpan<byte> prefix)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b, 0x08])) return ArchiveFormat.Gzip;
        if (prefix.StartsWith("BZh"u8)) return ArchiveFormat.Bzip2;
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return ArchiveFormat.Xz;
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0x28, 0xb5, 0x2f, 0xfd])) return ArchiveFormat.Zstd;
        return IsTarHeader(prefix) ? ArchiveFormat.Tar : ArchiveFormat.Other;
    }

    /// <summary>
    /// A 512-byte block whose checksum field matches its bytes (the test Go's tar reader applies to the first
    /// header); the "ustar" magic alone would miss old v7 archives.
    /// </summary>
    public static bool IsTarHeader(ReadOnlySpan<byte> block)
    {
        if (block.Length < 512) return false;
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
        long unsigned = 0;
        for (var i = 0; i < 512; i++) unsigned += i is >= 148 and < 156 ? ' ' : block[i];
        return stored == unsigned;
    }

    /// <summary>Reads up to <see cref="PeekLength"/> bytes and returns them with a stream that replays them.</summary>
    public static async Task<(byte[] Prefix, Stream Replay)> PeekAsync(Stream input, CancellationToken ct)
    {
        var buffer = new byte[PeekLength];
        var filled = await input.ReadAtLeastAsync(buffer, PeekLength, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        var prefix = buffer[..filled];
        return (prefix, new PrefixedReadStream(prefix, input, leaveOpen: true));
    }

    /// <summary>The uncompressed bytes of <paramref name="input"/> (already peeked as <paramref name="format"/>).</summary>
    public static async Task<Stream> OpenDecompressedAsync(Stream input, ArchiveFormat format, CancellationToken ct)
    {
        switch (format)
        {
            case ArchiveFormat.Gzip:
            case ArchiveFormat.Zstd:
                var (content, _) = await Compression.OpenDecompressedAsync(input, leaveOpen: true, ct).ConfigureAwait(false);
                return content;
            case ArchiveFormat.Bzip2:
                return ToolDecompressStream.Start("bzip2", ["-d", "-c", "-q"], input, ct);
            case ArchiveFormat.Xz:
                return ToolDecompressStream.Start("xz", ["-d", "-c", "-q"], input, ct);
            default:
                return input;
        }
    }

    /// <summary>Whether the uncompressed content of a compressed input starts with a tar header.</summary>
    public static async Task<bool> IsCompressedTarAsync(string file, ArchiveFormat format, CancellationToken ct)
    {
        var source = File.OpenRead(file);
        await using (source.ConfigureAwait(false))
        {
            Stream? content = null;
            try
            {
                content = await OpenDecompressedAsync(source, format, ct).ConfigureAwait(false);
                var block = new byte[512];
                var read = await content.ReadAtLeastAsync(block, 512, throwOnEndOfStream: false, ct).ConfigureAwait(false);
                return IsTarHeader(block.AsSpan(0, read));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or ZstdSharp.ZstdException)
            {
                return false;
            }
            finally
            {
                if (content is not null && !ReferenceEquals(content, source)) await content.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    internal static void EnsureTool(Process? process, string tool)
    {
        if (process is null) throw new BerthException(ErrorKind.Unavailable, $"cannot start {tool} to decompress the archive");
    }
}
