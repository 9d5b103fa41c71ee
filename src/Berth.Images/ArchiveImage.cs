using Berth.Oci;

namespace Berth.Images;

/// <summary>
/// One image read from an archive or layout: its manifest (a blob now in the content store), its config digest
/// (the image ID) and the names the archive gave it, exactly as written there (<c>busybox:latest</c>,
/// <c>docker.io/library/busybox:latest</c>); the caller normalizes them.
/// </summary>
public sealed record ArchiveImage
{
    public required Descriptor Manifest { get; init; }
    public required Digest ConfigDigest { get; init; }
    public IReadOnlyList<string> RepoTags { get; init; } = [];
}
