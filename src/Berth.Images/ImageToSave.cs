using Berth.Oci;

namespace Berth.Images;

/// <summary>
/// One image to write to an archive or layout. <see cref="RepoTags"/> are familiar names with a tag
/// (<c>busybox:latest</c>); entries without a tag are ignored. When <see cref="ManifestDescriptor"/> names the
/// stored manifest blob, OCI writers copy those bytes so the manifest digest survives; otherwise they serialize
/// <see cref="Manifest"/>.
/// </summary>
public sealed record ImageToSave
{
    public required ImageManifest Manifest { get; init; }
    public required Digest ConfigDigest { get; init; }
    public IReadOnlyList<string> RepoTags { get; init; } = [];
    public Descriptor? ManifestDescriptor { get; init; }
}
