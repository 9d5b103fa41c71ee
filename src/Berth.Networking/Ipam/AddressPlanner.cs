using Berth.Oci;

namespace Berth.Networking.Ipam;

/// <summary>
/// Pure IPAM: turns <c>--subnet/--gateway/--ip-range</c> into an <see cref="IpamConfig"/>, picks a free subnet
/// from a pool, and allocates container addresses. Nothing here touches the host or the database; callers pass
/// what is taken and keep the result in one transaction, so two allocations can never hand out one address.
/// </summary>
public static class AddressPlanner
{
    /// <summary>
    /// Docker's default address pools, in its order of preference, cut into the sizes Docker hands out
    /// (172.17-31.0.0/16, then 192.168.0-240.0/20).
    /// </summary>
    public static IEnumerable<Ipv4Subnet> DefaultPool()
    {
        for (uint b = 17; b <= 31; b++) yield return new Ipv4Subnet(172u << 24 | b << 16, 16);
        for (uint c = 0; c < 256; c += 16) yield return new Ipv4Subnet(192u << 24 | 168u << 16 | c << 8, 20);
    }

    /// <summary>Validates the user's choices; the gateway defaults to the first host address of the subnet.</summary>
    public static IpamConfig Plan(string subnet, string? gateway, string? ipRange)
    {
        var parsed = Ipv4Subnet.Parse(subnet);
        if (parsed.PrefixLength > 30) throw BerthException.Invalid($"invalid subnet {subnet}: too small for a gateway and a container");
        var range = ipRange is { Length: > 0 } ? Ipv4Subnet.Parse(ipRange) : parsed;
        if (!parsed.Contains(range)) throw BerthException.Invalid($"invalid pool request: ip-range {ipRange} is not within subnet {subnet}");
        uint gw;
        if (gateway is { Length: > 0 })
        {
            gw = Ipv4Subnet.ParseAddress(gateway);
            if (!parsed.Contains(gw) || gw == parsed.Network || gw == parsed.Broadcast)
                throw BerthException.Invalid($"invalid gateway {gateway}: not a host address of subnet {subnet}");
        }
        else
        {
            gw = parsed.Network + 1;
        }
        return new IpamConfig(parsed, gw, range);
    }

    /// <summary>The first subnet of <paramref name="pool"/> that overlaps none of <paramref name="used"/>.</summary>
    public static Ipv4Subnet? FirstFree(IEnumerable<Ipv4Subnet> pool, IReadOnlyCollection<Ipv4Subnet> used) =>
        pool.Cast<Ipv4Subnet?>().FirstOrDefault(candidate => !used.Any(u => u.Overlaps(candidate!.Value)));

    /// <summary>
    /// A container address: <paramref name="requested"/> (<c>--ip</c>) when free and inside the subnet, else the
    /// lowest free host address of the range. The network and broadcast addresses and the gateway are never given.
    /// Throws Docker's "no available IPv4 addresses" when the range is full.
    /// </summary>
    public static uint Allocate(IpamConfig config, IReadOnlySet<uint> taken, string? requested, string networkName)
    {
        if (requested is { Length: > 0 })
        {
            var address = Ipv4Subnet.ParseAddress(requested);
            if (!config.Subnet.Contains(address) || address == config.Subnet.Network || address == config.Subnet.Broadcast)
                throw BerthException.Invalid($"invalid address {requested}: it does not belong to any of this network's subnets");
            if (address == config.Gateway || taken.Contains(address))
                throw BerthException.Conflict($"Address already in use: {requested}");
            return address;
        }
        var first = Math.Max(config.Range.Network, config.Subnet.Network + 1);
        var last = Math.Min(config.Range.Broadcast, config.Subnet.Broadcast - 1);
        for (var candidate = first; candidate <= last && candidate >= first; candidate++)
        {
            if (candidate != config.Gateway && !taken.Contains(candidate)) return candidate;
        }
        throw new BerthException(ErrorKind.Unavailable, $"no available IPv4 addresses on this network's address pools: {networkName}");
    }

    /// <summary>Docker's MAC for an address: 02:42 followed by the four address bytes.</summary>
    public static string MacFor(uint address) =>
        $"02:42:{address >> 24:x2}:{(address >> 16) & 255:x2}:{(address >> 8) & 255:x2}:{address & 255:x2}";
}
