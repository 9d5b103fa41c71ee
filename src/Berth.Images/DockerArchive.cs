using Berth.Content;
using Berth.Images.Layout;

namespace Berth.Images;

/// <summary>
/// Images as <c>docker save</c> writes them and <c>docker load</c> reads them.
/// Reading accepts the classic layout and docker 25+'s, plain or gzip/zstd compressed, from a non-seekable
/// stream; without manifest.json the archive is read as an OCI layout. Every blob is stored as it passes;
/// when the archive then proves invalid, those blobs stay unreferenced in the store until garbage collection
/// removes them, and nothing else is changed. Writing produces docker 25+'s layout.
/// </summary>
public static class DockerArchive
{
    public static async Task<IReadOnlyList<ArchiveImage>> ReadAsync(Stream archive, IContentIngester ingester, CancellationToken ct)
    {
        var scanner = new LayoutScanner(ingester);
        await TarLayoutSource.ScanAsync(archive, scanner, ct).ConfigureAwait(false);
        var contents = scanner.Contents;
        if (contents.Files.ContainsKey(LayoutPaths.ManifestJson))
            return await DockerManifestReader.ReadAsync(contents, ingester, ct).ConfigureAwait(false);
        if (contents.Files.ContainsKey(LayoutPaths.IndexJson))
            return OciIndexReader.Read(contents);
        throw LayoutPaths.Invalid("no manifest.json or index.json found");
    }

    public static async Task WriteAsync(IReadOnlyList<ImageToSave> images, IContentProvider provider, Stream output, CancellationToken ct) =>
        await DockerArchiveWriter.WriteAsync(images, provider, new TarLayoutSink(output), ct).ConfigureAwait(false);
}
