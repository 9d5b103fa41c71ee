using Berth.Oci;

namespace Berth.Engine.Images;

/// <summary><c>berth pull</c>'s choices: the platform to select from an index (default: this host's), and all tags.</summary>
public sealed record PullOptions
{
    public Platform? Platform { get; init; }
    public bool AllTags { get; init; }
}
