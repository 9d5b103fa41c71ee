namespace Berth.Archive.Copy;

/// <summary>
/// <c>docker export</c>: a plain tar of a whole root filesystem (the container's merged view), as Docker
/// writes it: entries named relative to the root ("etc/", "etc/hosts"), the root itself left out, depth-first
/// in byte order of names, owners, modes, whole-second mtimes and xattrs kept, devices and fifos included,
/// sockets left out, and a second name of an inode written as a tar hardlink.
/// </summary>
public static class DirectoryArchive
{
    /// <param name="output">Receives the tar; it is flushed, not closed.</param>
    public static async Task WriteAsync(string rootDir, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var root = Path.GetFullPath(rootDir).TrimEnd('/');
        if (!Directory.Exists(root.Length == 0 ? "/" : root)) throw Oci.BerthException.NotFound($"directory {rootDir} does not exist");
        var writer = new TarEntryWriter(output);
        var archiver = new TreeArchiver(writer, new TreeArchiveOptions());
        foreach (var child in TreeArchiver.SortedChildren(root.Length == 0 ? "/" : root))
            await archiver.AddAsync(root + "/" + child, child, ct).ConfigureAwait(false);
        await writer.FinishAsync(ct).ConfigureAwait(false);
    }
}
