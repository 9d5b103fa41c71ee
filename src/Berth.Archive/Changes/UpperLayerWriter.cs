using Berth.Archive.Copy;
using Berth.Oci;

namespace Berth.Archive.Changes;

/// <summary>
/// Writes the layer for <c>docker commit</c>: the container's overlayfs upper directory as an OCI layer tar.
/// Entries come in walk order (depth-first, names in byte order), named relative to the root without "./",
/// the root itself left out (as moby's overlay2 differ writes them). Owners, modes, whole-second mtimes and
/// xattrs are kept, except overlayfs's trusted.overlay.* ones; overlayfs whiteouts become ".wh." entries and
/// opaque directories a ".wh..wh..opq" entry; a second name of an inode becomes a tar hardlink. The output
/// depends only on the tree (no clock, no process id, no inode numbers), so the same tree gives the same
/// diffID. The directories must not change while this runs: commit the container paused or stopped.
/// </summary>
public static class UpperLayerWriter
{
    /// <param name="upperDir">The overlay upperdir (not the merged mount).</param>
    /// <param name="lowerDirs">The lowerdirs, top first: they decide which opaque directories need a marker.</param>
    /// <param name="output">Receives the uncompressed tar; it is flushed, not closed.</param>
    /// <param name="clamp">Mtimes later than this are written as this (SOURCE_DATE_EPOCH), when set.</param>
    public static async Task<LayerWriteResult> WriteAsync(string upperDir, IReadOnlyList<string> lowerDirs, Stream output,
        DateTimeOffset? clamp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(lowerDirs);
        var root = Path.GetFullPath(upperDir).TrimEnd('/');
        if (!Directory.Exists(root)) throw BerthException.NotFound($"upper directory {upperDir} does not exist");
        var clampTime = clamp?.ToUnixTimeSeconds();
        using var digesting = new DigestingWriteStream(output);
        var writer = new TarEntryWriter(digesting);
        var archiver = new TreeArchiver(writer, new TreeArchiveOptions
        {
            ClampTime = clampTime,
            Converter = new OverlayWhiteoutConverter(new OverlayLowers(lowerDirs), clampTime),
        });
        foreach (var child in TreeArchiver.SortedChildren(root))
            await archiver.AddAsync(root + "/" + child, child, ct).ConfigureAwait(false);
        await writer.FinishAsync(ct).ConfigureAwait(false);
        return new LayerWriteResult { DiffId = digesting.GetDigest(), Size = digesting.BytesWritten };
    }
}
