using Berth.Networking.Ipam;

namespace Berth.Networking.Netlink;

/// <summary>IPv4 addresses and routes.</summary>
internal sealed partial class RouteNetlink
{
    /// <summary>
    /// Puts <paramref name="address"/>/<paramref name="prefixLength"/> on link <paramref name="index"/> (named
    /// <paramref name="name"/> in errors) with the subnet's broadcast address, as Docker does; an address already
    /// there is replaced rather than an error.
    /// </summary>
    public void AddAddress(int index, string name, uint address, int prefixLength)
    {
        var request = new NetlinkRequest(Rtm.NewAddress, Rtm.FlagCreate | Rtm.FlagReplace)
            .Address(prefixLength, index)
            .Ipv4(Rtm.AddressLocal, address)
            .Ipv4(Rtm.AddressAddress, address);
        // A /31 or /32 has no broadcast address (RFC 3021).
        if (prefixLength < 31) request.Ipv4(Rtm.AddressBroadcast, new Ipv4Subnet(address, prefixLength).Broadcast);
        Run(request, $"adding address {Ipv4Subnet.Format(address)}/{prefixLength} to {name}");
    }

    /// <summary>Adds the default route through <paramref name="gateway"/> on link <paramref name="index"/> (named <paramref name="name"/> in errors).</summary>
    public void AddDefaultRoute(int index, string name, uint gateway)
    {
        var request = new NetlinkRequest(Rtm.NewRoute, Rtm.FlagCreate | Rtm.FlagExclusive)
            .Route(0)
            .Ipv4(Rtm.RouteGateway, gateway)
            .Attribute(Rtm.RouteOutputInterface, index);
        Run(request, $"adding default route via {Ipv4Subnet.Format(gateway)} on {name}");
    }
}
