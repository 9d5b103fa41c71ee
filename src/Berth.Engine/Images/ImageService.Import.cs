using Berth.Images;
using Berth.Oci;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary><c>berth import</c>: a root filesystem tarball becomes a one-layer image, optionally tagged.</summary>
    public async Task<RegisteredImage> ImportAsync(Stream tarball, ImportOptions options, string? repositoryTag, CancellationToken ct)
    {
        Reference? name = null;
        if (repositoryTag is not null)
        {
            if (!Reference.TryParse(repositoryTag, out var reference, out var error))
                throw BerthException.Invalid($"invalid reference format: {error}".Replace("invalid reference format: invalid reference format", "invalid reference format"));
            if (reference.Digest is not null) throw BerthException.Invalid("cannot import digest reference");
            name = reference.WithDefaultTag();
        }
        RegisteredImage registered;
        using (SharedLock(ct))
        {
            var image = await RootfsImporter.ImportAsync(tarball, options with { Time = _time }, _content, ct).ConfigureAwait(false);
            registered = await RegisterAsync(image.Manifest, name is null ? [] : [name], null, null, ct).ConfigureAwait(false);
        }
        _collector.TryCollect();
        return registered;
    }
}
