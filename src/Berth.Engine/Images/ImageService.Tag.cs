using Berth.Oci;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary><c>berth tag SOURCE TARGET</c>: points TARGET (default tag latest) at SOURCE's image.</summary>
    public Task TagAsync(string source, string target, CancellationToken ct)
    {
        if (!Reference.TryParse(target, out var reference, out var error))
            throw BerthException.Invalid($"Error parsing reference: \"{target}\" is not a valid repository/tag: {error}");
        if (reference.Digest is not null)
            throw BerthException.Invalid("refusing to create a tag with a digest reference");
        var name = reference.WithDefaultTag();
        using (SharedLock(ct))
        {
            _metadata.Write(t =>
            {
                var image = ImageResolver.Get(_images.All(t), source).Image;
                _images.SetName(t, name.ToString(), image.Id, isDigest: false, _time.GetUtcNow());
            });
        }
        return Task.CompletedTask;
    }
}
