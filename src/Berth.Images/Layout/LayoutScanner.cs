using Berth.Archive;
using Berth.Content;
using Berth.Images.Streams;
using Berth.Oci;

namespace Berth.Images.Layout;

/// <summary>
/// Takes the files of an archive or layout one at a time, in whatever order they come, and leaves a
/// <see cref="LayoutContents"/>: metadata files (manifest.json, index.json, repositories, oci-layout) in memory,
/// every other regular file streamed into the content store as it passes. A file named
/// <c>blobs/&lt;alg&gt;/&lt;hex&gt;</c> must hash to that name. Gzip and zstd files are decompressed on the way
/// through to learn their diffID, so a layer is read exactly once. Blobs committed before a later failure stay
/// in the store unreferenced; garbage collection removes them.
/// </summary>
internal sealed class LayoutScanner(IContentIngester ingester)
{
    /// <summary>The largest JSON document kept in memory (manifest.json, index.json, configs, manifests).</summary>
    public const int MaxJsonSize = 16 << 20;

    /// <summary>The most JSON kept in memory over the whole scan, so many small files cannot exhaust memory.</summary>
    public const long MaxJsonTotal = 256L << 20;

    private long _jsonTotal;

    public LayoutContents Contents { get; } = new();

    public void AddLink(string name, string target)
    {
        if (LayoutPaths.Normalize(name) is { } link && LayoutPaths.Normalize(target) is { } resolved)
            Contents.Links[link] = resolved;
    }

    public async Task AddFileAsync(string rawName, Stream data, long length, CancellationToken ct)
    {
        var name = LayoutPaths.Normalize(rawName);
        if (name is null) return;
        if (LayoutPaths.IsMetadata(name))
        {
            Contents.Files[name] = await ReadMetadataAsync(name, data, length, ct).ConfigureAwait(false);
            return;
        }
        Contents.Files[name] = await IngestAsync(name, data, length, ct).ConfigureAwait(false);
    }

    private async Task<LayoutEntry> ReadMetadataAsync(string name, Stream data, long length, CancellationToken ct)
    {
        if (length > MaxJsonSize) throw LayoutPaths.Invalid($"{name} is {length} bytes, more than the {MaxJsonSize}-byte limit");
        var bytes = new byte[length];
        try
        {
            await data.ReadExactlyAsync(bytes, ct).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw LayoutPaths.Invalid("unexpected end of archive", e);
        }
        CountJson(length);
        return new LayoutEntry { Name = name, Digest = Digest.Compute(bytes), Size = length, Json = bytes };
    }

    private async Task<LayoutEntry> IngestAsync(string name, Stream data, long length, CancellationToken ct)
    {
        var expected = LayoutPaths.DigestOfBlobPath(name);
        var head = await LayerSniffer.PeekAsync(data, ct).ConfigureAwait(false);
        var compression = LayerSniffer.Detect(head);
        var firstByte = head.AsSpan().TrimStart(" \t\r\n"u8);
        var keepJson = length <= MaxJsonSize && firstByte.Length > 0 && firstByte[0] is (byte)'{' or (byte)'[';
        if (keepJson) CountJson(length);
        var copy = keepJson ? new MemoryStream((int)length) : null;

        await using var writer = ingester.BeginWrite(expected?.ToString() ?? "layout-" + Guid.NewGuid().ToString("N"));
        writer.Truncate();
        var tee = new TeeReadStream(new PrefixedReadStream(head, data, leaveOpen: true), writer, copy);
        Digest? diffId = null;
        string? problem = null;
        if (compression is LayerCompression.Gzip or LayerCompression.Zstd)
        {
            try
            {
                await using var decompressed = await LayerSniffer.DecompressAsync(tee, ct).ConfigureAwait(false);
                diffId = await Digest.ComputeAsync(decompressed, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!tee.SourceFailed && LayerSniffer.IsCorruptData(e))
            {
                problem = $"corrupt {compression.Value.ToString().ToLowerInvariant()} data: {e.Message}";
            }
        }
        try
        {
            await tee.DrainAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw LayoutPaths.Invalid("unexpected end of archive", e);
        }
        if (tee.BytesRead != length) throw LayoutPaths.Invalid($"unexpected end of archive in \"{name}\"");

        ContentInfo info;
        try
        {
            info = await writer.CommitAsync(expected, length, ct).ConfigureAwait(false);
        }
        catch (BerthException e) when (expected is not null)
        {
            throw LayoutPaths.Invalid($"{name}: {e.Message}", e);
        }
        return new LayoutEntry
        {
            Name = name,
            Digest = info.Digest,
            Size = info.Size,
            Compression = compression,
            DiffId = compression == LayerCompression.None ? info.Digest : diffId,
            Problem = problem,
            Json = copy?.ToArray(),
            Stored = true,
        };
    }

    private void CountJson(long length)
    {
        _jsonTotal += length;
        if (_jsonTotal > MaxJsonTotal) throw LayoutPaths.Invalid($"more than {MaxJsonTotal} bytes of JSON documents");
    }
}
