namespace Berth.Networking.Bridge;

/// <summary>What <see cref="BridgeDriver.AttachAsync"/> creates: names, MAC, address and the optional default route.</summary>
public sealed record VethPlan
{
    public required string Bridge { get; init; }
    public required string HostVeth { get; init; }
    /// <summary>The name inside the container: eth0, eth1... in the order networks were connected.</summary>
    public required string InterfaceName { get; init; }
    public required string Mac { get; init; }
    /// <summary>The container's address with the subnet's prefix length (<c>172.18.0.2/16</c>).</summary>
    public required string AddressCidr { get; init; }
    /// <summary>The gateway to route through by default; null for a second network or an internal one.</summary>
    public string? DefaultGateway { get; init; }
}
