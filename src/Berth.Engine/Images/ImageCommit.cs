using Berth.Oci;

namespace Berth.Engine.Images;

/// <summary>The image a commit makes, apart from its new layer: parent, config, edits and history text.</summary>
internal sealed record ImageCommit
{
    public required Digest ParentId { get; init; }
    public required string ContainerId { get; init; }
    /// <summary>The container's config, before <see cref="Changes"/>.</summary>
    public required ContainerConfig Config { get; init; }
    public IReadOnlyList<string> Changes { get; init; } = [];
    public string Author { get; init; } = "";
    public string Comment { get; init; } = "";
    public string? Reference { get; init; }
}
