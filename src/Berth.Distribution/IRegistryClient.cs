using Berth.Oci;

namespace Berth.Distribution;

/// <summary>
/// Speaks the OCI distribution spec (and Docker's registry conventions) to one or many registries. Terms: a
/// <b>repository</b> is a <see cref="Reference"/> without tag or digest (<c>docker.io/library/busybox</c>); a
/// <b>manifest</b> is fetched by tag or digest and returned with its exact bytes (its digest is over them);
/// a <b>blob</b> is fetched by descriptor and may be opened at an offset to resume. Authentication
/// (basic, bearer tokens per scope), retries, mirrors and the http/https choice happen inside; callers see
/// <see cref="BerthException"/> with Docker's wording on failure.
/// Lifecycle of a pull: <see cref="GetManifestAsync"/> (maybe an index: pick a platform, fetch that manifest by
/// digest) → <see cref="OpenBlobAsync"/> for the config and each layer. Of a push: for each blob
/// <see cref="BlobExistsAsync"/>, else <see cref="TryMountBlobAsync"/>, else <see cref="PushBlobAsync"/>; then
/// <see cref="PutManifestAsync"/>.
/// </summary>
public interface IRegistryClient
{
    /// <summary>The manifest or index a tag or digest reference names, with its media type and exact bytes.</summary>
    Task<FetchedManifest> GetManifestAsync(Reference reference, CancellationToken ct);

    /// <summary>Opens a blob for reading from <paramref name="offset"/> (HTTP Range); the caller verifies the digest.</summary>
    Task<Stream> OpenBlobAsync(Reference repository, Descriptor blob, long offset, CancellationToken ct);

    Task<bool> BlobExistsAsync(Reference repository, Digest digest, CancellationToken ct);

    /// <summary>Cross-repository mount on the same registry; false when the registry declined (then upload).</summary>
    Task<bool> TryMountBlobAsync(Reference repository, Digest digest, Reference fromRepository, CancellationToken ct);

    /// <summary>Uploads a blob (monolithic when small, chunked when large); <paramref name="open"/> gives its content.</summary>
    Task PushBlobAsync(Reference repository, Descriptor blob, Func<Stream> open, IProgress<long>? progress, CancellationToken ct);

    /// <summary>Puts a manifest under <paramref name="reference"/>'s tag (or digest); returns the digest the registry reports.</summary>
    Task<Digest> PutManifestAsync(Reference reference, string mediaType, ReadOnlyMemory<byte> content, CancellationToken ct);

    Task<IReadOnlyList<string>> ListTagsAsync(Reference repository, CancellationToken ct);

    /// <summary>Checks credentials against a registry (<c>GET /v2/</c> with them), as <c>login</c> does.</summary>
    Task LoginAsync(string registry, Credential credential, CancellationToken ct);
}
