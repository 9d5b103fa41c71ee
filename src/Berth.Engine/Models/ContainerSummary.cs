namespace Berth.Engine.Models;

/// <summary>One row of Engine API <c>GET /containers/json</c> (what <c>ps</c> lists).</summary>
public sealed record ContainerSummary
{
    public required string Id { get; init; }
    public required IReadOnlyList<string> Names { get; init; }
    public required string Image { get; init; }
    public required string ImageID { get; init; }
    public required string Command { get; init; }
    public required long Created { get; init; }
    public IReadOnlyList<PortBinding> Ports { get; init; } = [];
    public long? SizeRw { get; init; }
    public long? SizeRootFs { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public required string State { get; init; }
    public required string Status { get; init; }
    public required IReadOnlyList<MountPoint> Mounts { get; init; }
    public required string NetworkMode { get; init; }

    /// <summary>The networks joined, by name (the mode for host, none and container: ones), as <c>ps</c> lists them.</summary>
    public required IReadOnlyList<string> Networks { get; init; }
}
