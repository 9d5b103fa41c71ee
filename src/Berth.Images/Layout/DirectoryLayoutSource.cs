namespace Berth.Images.Layout;

/// <summary>Feeds the files of an OCI layout directory through a <see cref="LayoutScanner"/>, in ordinal order.</summary>
internal static class DirectoryLayoutSource
{
    public static async Task ScanAsync(string directory, LayoutScanner scanner, CancellationToken ct)
    {
        if (!Directory.Exists(directory)) throw Oci.BerthException.NotFound($"open {directory}: no such file or directory");
        var root = Path.GetFullPath(directory);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
        foreach (var name in files)
        {
            var stream = new FileStream(Path.Combine(root, name), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
                await scanner.AddFileAsync(name, stream, stream.Length, ct).ConfigureAwait(false);
        }
    }
}
