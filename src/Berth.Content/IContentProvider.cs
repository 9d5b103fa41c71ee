using Berth.Oci;

namespace Berth.Content;

/// <summary>
/// Reads committed blobs. A blob is immutable content addressed by its digest; it exists only after an
/// <see cref="IContentIngester"/> writer committed it with a matching digest and size, so whatever a provider
/// returns has been verified once on the way in (<c>system check</c> re-verifies on demand).
/// </summary>
public interface IContentProvider
{
    /// <summary>Opens a committed blob for reading; throws <see cref="BerthException"/> NotFound when absent.</summary>
    Stream OpenRead(Digest digest);

    /// <summary>Size and digest of a committed blob, or null when it is absent.</summary>
    ContentInfo? Info(Digest digest);
}
