using Berth.Content;
using Berth.Images.Layout;

namespace Berth.Images;

/// <summary>
/// Images in an OCI image layout directory (image-layout.md): the same reader and writer as
/// <see cref="OciArchive"/>, over files instead of a tar. Writing adds to the directory and replaces its
/// index.json.
/// </summary>
public static class OciLayout
{
    public static async Task<IReadOnlyList<ArchiveImage>> ReadAsync(string directory, IContentIngester ingester, CancellationToken ct)
    {
        var scanner = new LayoutScanner(ingester);
        await DirectoryLayoutSource.ScanAsync(directory, scanner, ct).ConfigureAwait(false);
        return ReadContents(scanner.Contents);
    }

    public static async Task WriteAsync(IReadOnlyList<ImageToSave> images, IContentProvider provider, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        await OciLayoutWriter.WriteAsync(images, provider, new DirectoryLayoutSink(directory), ct).ConfigureAwait(false);
    }

    internal static IReadOnlyList<ArchiveImage> ReadContents(LayoutContents contents) =>
        contents.Files.ContainsKey(LayoutPaths.IndexJson)
            ? OciIndexReader.Read(contents)
            : throw LayoutPaths.Invalid("no index.json found: not an OCI image layout");
}
