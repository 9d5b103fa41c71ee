using Berth.Oci;

namespace Berth.Engine.Metadata;

/// <summary>One image as the metadata store knows it; <see cref="Names"/> holds tags and digest references.</summary>
internal sealed record ImageRecord
{
    public required Digest Id { get; init; }
    public required Digest ManifestDigest { get; init; }
    public DateTimeOffset? Created { get; init; }
    public required DateTimeOffset Added { get; init; }
    public required long Size { get; init; }
    public Digest? ChainId { get; init; }
    public IReadOnlyList<ImageName> Names { get; init; } = [];

    public IEnumerable<string> Tags => Names.Where(n => !n.IsDigest).Select(n => n.Name);
    public IEnumerable<string> DigestNames => Names.Where(n => n.IsDigest).Select(n => n.Name);
    public bool IsDangling => !Names.Any(n => !n.IsDigest);
}
