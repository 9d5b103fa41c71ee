using Berth.Networking.Ports;

namespace Berth.Engine.Networks;

/// <summary>
/// A running container's place on one network (<c>endpoints</c> row): its address (unique per network, enforced
/// by the table), MAC, interface names, aliases and the host ports published through it. The row exists from
/// the allocation before start until the container is down; a row whose container is down is a leftover.
/// A build step's endpoint has no container: its process holds <see cref="HolderLock"/> while the step runs.
/// </summary>
internal sealed record EndpointRecord
{
    public required string Id { get; init; }
    public required string NetworkId { get; init; }
    public required string ContainerId { get; init; }
    public required uint Address { get; init; }
    public required string Mac { get; init; }
    public required string Interface { get; init; }
    public required string HostVeth { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public IReadOnlyList<PortMapping> Ports { get; init; } = [];

    /// <summary>For an endpoint that is not a container's: a lock file its user holds while it needs the endpoint.</summary>
    public string? HolderLock { get; init; }
}
