using Berth.Oci;

namespace Berth.Archive;

/// <summary>
/// Unpacks one layer (plain, gzip or zstd tar) into a directory in a single streaming pass and returns its
/// diffID. The target should be a fresh, empty directory that becomes one overlay lowerdir; whiteouts are
/// written in overlayfs form, not applied to anything below.
/// <para>Safety: every entry is confined to the target as if it were '/' (see RootedPathResolver); unsafe
/// entries fail the whole layer with <see cref="BerthException"/> (InvalidArgument) naming the entry, and so
/// does a corrupt or truncated stream. On any failure the caller deletes the target directory.</para>
/// <para>Durability: by default nothing is synced. With <see cref="LayerSyncMode"/> files (or the filesystem)
/// are synced, but making the finished layer visible durably (renaming it into place and fsyncing the parent
/// directory) is the caller's step.</para>
/// </summary>
public static class LayerApplier
{
    public static async Task<LayerApplyResult> ApplyAsync(Stream layer, string targetDirectory, LayerApplyOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(options);
        var root = Path.GetFullPath(targetDirectory).TrimEnd('/');
        if (root.Length == 0) throw BerthException.Invalid("refusing to apply a layer onto '/'");
        if (!Directory.Exists(root)) throw BerthException.NotFound($"layer target directory {root} does not exist");

        return options.Pipelined
            ? await ApplyPipelinedAsync(layer, root, options, ct).ConfigureAwait(false)
            : await ApplySequentialAsync(layer, root, options, ct).ConfigureAwait(false);
    }

    private const int ReadAheadChunk = 256 << 10;
    private const int ReadAheadDepth = 4;

    /// <summary>
    /// Four stages at once: reading the input (for a pull: download, digest and store), decompressing, hashing the
    /// diffID and unpacking. Each is a sizeable share of the work, and on a machine with cores to spare the pull
    /// takes about as long as the slowest of them.
    /// </summary>
    private static async Task<LayerApplyResult> ApplyPipelinedAsync(Stream layer, string root, LayerApplyOptions options, CancellationToken ct)
    {
        await using var input = new ReadAheadStream(layer, ReadAheadChunk, ReadAheadDepth, leaveOpen: true);
        var (content, compression) = await Compression.OpenDecompressedAsync(input, leaveOpen: true, buffered: false, ct).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            using var diffId = new RunningDigest();
            await using var tar = new ReadAheadStream(content, ReadAheadChunk, ReadAheadDepth, leaveOpen: true, observer: chunk => diffId.Append(chunk.Span));
            return await UnpackAsync(tar, tar.DrainAsync, diffId, compression, root, options, ct, input).ConfigureAwait(false);
        }
    }

    private static async Task<LayerApplyResult> ApplySequentialAsync(Stream layer, string root, LayerApplyOptions options, CancellationToken ct)
    {
        var (content, compression) = await Compression.OpenDecompressedAsync(layer, leaveOpen: true, buffered: true, ct).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            using var hashing = new HashingReadStream(content, Math.Max(options.BufferSize, 64 * 1024));
            return await UnpackAsync(hashing, hashing.DrainAsync, hashing.Digest, compression, root, options, ct).ConfigureAwait(false);
        }
    }

    private static async Task<LayerApplyResult> UnpackAsync(
        Stream source, Func<CancellationToken, Task> drain, RunningDigest diffId, LayerCompression compression, string root,
        LayerApplyOptions options, CancellationToken ct, ReadAheadStream? input = null)
    {
        var reader = new LayerTarReader(source);
        var unpacker = new LayerUnpacker(root, options);
        try
        {
            while (await reader.NextAsync(ct).ConfigureAwait(false) is { } entry)
                await unpacker.ApplyAsync(entry, reader, ct).ConfigureAwait(false);
            // The diffID covers the stream to EOF: end-of-archive blocks, record padding, anything after.
            await drain(ct).ConfigureAwait(false);
            // The decompressor has read its input to the end already; draining the input stage as well makes sure
            // of it, so a failure the input raises at its end (a download's digest check) is never left unseen.
            if (input is not null) await input.DrainAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ZstdSharp.ZstdException)
        {
            throw BerthException.Invalid($"invalid {Describe(compression)} layer: {OneLine(e.Message)}", e);
        }
        unpacker.Finish();
        return new LayerApplyResult
        {
            DiffId = diffId.GetDigest(),
            UncompressedSize = diffId.BytesHashed,
            Compression = compression,
            EntryCount = unpacker.EntryCount,
            ContentBytes = unpacker.ContentBytes,
            SkippedEntries = unpacker.Skipped.ToArray(),
        };
    }

    private static string Describe(LayerCompression compression) => compression switch
    {
        LayerCompression.Gzip => "gzip",
        LayerCompression.Zstd => "zstd",
        _ => "tar",
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").TrimEnd('.');
}
