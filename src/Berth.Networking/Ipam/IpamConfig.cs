namespace Berth.Networking.Ipam;

/// <summary>
/// One network's IPv4 address plan, validated (see <see cref="AddressPlanner.Plan"/>): the subnet, the gateway
/// (the host's address on the bridge) and the range containers' dynamic addresses come from.
/// </summary>
public sealed record IpamConfig(Ipv4Subnet Subnet, uint Gateway, Ipv4Subnet Range)
{
    public string GatewayText => Ipv4Subnet.Format(Gateway);
}
