using Berth.Archive;
using Berth.Engine.Models;
using Berth.Images;
using Berth.Oci;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// <c>berth load</c>: reads a docker-archive (classic or with an OCI layout inside) or an OCI archive, maybe
    /// compressed, from a stream that need not be seekable. Blobs already ingested when the archive turns out bad
    /// stay unreferenced until the next garbage collection; no image or name becomes visible.
    /// </summary>
    public async Task<IReadOnlyList<RegisteredImage>> LoadAsync(Stream input, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        IReadOnlyList<ArchiveImage> images;
        var results = new List<RegisteredImage>();
        using (SharedLock(ct))
        {
            var (plain, _) = await Compression.OpenDecompressedAsync(input, leaveOpen: true, ct).ConfigureAwait(false);
            await using var decompressed = plain;
            images = await DockerArchive.ReadAsync(decompressed, _content, ct).ConfigureAwait(false);
            if (images.Count == 0) throw BerthException.Invalid("invalid archive: it contains no images");
            foreach (var image in images)
            {
                var names = image.RepoTags.Select(ParseArchiveTag).ToList();
                var registered = await RegisterAsync(image.Manifest, names, null, progress, ct).ConfigureAwait(false);
                results.Add(registered);
            }
        }
        _collector.TryCollect();
        return results;
    }

    private static Reference ParseArchiveTag(string tag) =>
        Reference.TryParse(tag, out var reference, out var error)
            ? reference.WithDefaultTag()
            : throw BerthException.Invalid($"invalid archive: invalid tag \"{tag}\": {error}");
}
