using Berth.Networking.Ipam;

namespace Berth.Engine.Networks;

/// <summary>
/// A network as stored (<c>networks.config</c>, JSON). Bridge networks have an address plan and the name of
/// their Linux bridge; the predefined <c>host</c> and <c>none</c> networks (drivers host and null) have neither.
/// </summary>
internal sealed record NetworkRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Driver { get; init; }
    public required DateTimeOffset Created { get; init; }
    public string? Subnet { get; init; }
    public string? Gateway { get; init; }
    public string? IpRange { get; init; }
    public bool Internal { get; init; }
    public bool Attachable { get; init; }
    /// <summary>Addresses, by name, that are never given to a container (<c>--aux-address</c>); null when none.</summary>
    public IReadOnlyDictionary<string, string>? AuxAddresses { get; init; }
    /// <summary>The IPAM options given at create (<c>--ipam-opt</c>); null for the predefined networks, as Docker shows them.</summary>
    public IReadOnlyDictionary<string, string>? IpamOptions { get; init; }
    /// <summary>The Linux bridge (empty for host and none).</summary>
    public string Bridge { get; init; } = "";
    /// <summary>One of the networks every root has (bridge, host, none): never removed, never pruned.</summary>
    public bool Predefined { get; init; }
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public bool IsBridge => Driver == NetworkNames.BridgeDriver;

    /// <summary>Whether containers on it find each other by name (Docker: user networks only, never the default bridge).</summary>
    public bool HasDns => IsBridge && !Predefined;

    public IpamConfig Ipam() => AddressPlanner.Plan(Subnet!, Gateway, IpRange);
}
