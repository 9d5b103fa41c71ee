using Berth.Content;
using Berth.Images.Layout;

namespace Berth.Images;

/// <summary>
/// Images as an OCI image layout inside a tar: what <c>podman save --format oci-archive</c> and
/// <c>skopeo copy ... oci-archive:FILE:NAME</c> write. Reading streams a non-seekable input once, storing and
/// verifying every blob against its name; blobs of an archive that then proves invalid stay unreferenced in the
/// store until garbage collection. Writing keeps blobs as stored, so compressed layers stay compressed.
/// </summary>
public static class OciArchive
{
    public static async Task<IReadOnlyList<ArchiveImage>> ReadAsync(Stream archive, IContentIngester ingester, CancellationToken ct)
    {
        var scanner = new LayoutScanner(ingester);
        await TarLayoutSource.ScanAsync(archive, scanner, ct).ConfigureAwait(false);
        return OciLayout.ReadContents(scanner.Contents);
    }

    public static async Task WriteAsync(IReadOnlyList<ImageToSave> images, IContentProvider provider, Stream output, CancellationToken ct) =>
        await OciLayoutWriter.WriteAsync(images, provider, new TarLayoutSink(output), ct).ConfigureAwait(false);
}
