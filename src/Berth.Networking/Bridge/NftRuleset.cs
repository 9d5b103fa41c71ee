using System.Text;

namespace Berth.Networking.Bridge;

/// <summary>
/// Renders a state root's whole nft table from what is active now: outbound masquerade per network, isolation
/// between networks, internal networks cut off, and DNAT for published ports (from other hosts in prerouting, from
/// this host — 127.0.0.1 included — in output). The table is replaced in one nft transaction, so the rules always
/// match the metadata and a leftover is gone at the next render. No active network means no table at all.
/// </summary>
public static class NftRuleset
{
    public static string Render(string table, IReadOnlyList<NftNetwork> networks, IReadOnlyList<NftPort> ports)
    {
        // "table" first makes "delete" succeed on a host that has none yet.
        var s = new StringBuilder();
        s.Append("table ip ").Append(table).Append('\n');
        s.Append("delete table ip ").Append(table).Append('\n');
        if (networks.Count == 0) return s.ToString();

        s.Append("table ip ").Append(table).Append(" {\n");
        s.Append("  chain prerouting {\n    type nat hook prerouting priority dstnat; policy accept;\n    fib daddr type local jump publish\n  }\n");
        s.Append("  chain output {\n    type nat hook output priority -100; policy accept;\n    fib daddr type local jump publish\n  }\n");
        s.Append("  chain publish {\n");
        foreach (var port in ports.OrderBy(p => p.HostIp.Length == 0))
        {
            s.Append("    ");
            if (port.HostIp.Length > 0) s.Append("ip daddr ").Append(port.HostIp).Append(' ');
            s.Append(port.Protocol).Append(" dport ").Append(port.HostPort)
             .Append(" dnat to ").Append(port.ContainerIp).Append(':').Append(port.ContainerPort).Append('\n');
        }
        s.Append("  }\n");

        s.Append("  chain postrouting {\n    type nat hook postrouting priority srcnat; policy accept;\n");
        foreach (var network in networks)
        {
            var bridge = Quote(network.Bridge);
            // The host's own connections to 127.0.0.1 that were DNAT-ed: the container must answer the bridge address.
            s.Append("    oifname ").Append(bridge).Append(" ip saddr 127.0.0.0/8 masquerade\n");
            // Hairpin: a container reaching a published port through a host address must see the reply come back
            // through the host, not straight from the peer on the same bridge.
            s.Append("    oifname ").Append(bridge).Append(" ip saddr ").Append(network.Subnet).Append(" ct status dnat masquerade\n");
            if (!network.Internal)
                s.Append("    ip saddr ").Append(network.Subnet).Append(" oifname != ").Append(bridge).Append(" masquerade\n");
        }
        s.Append("  }\n");

        s.Append("  chain forward {\n    type filter hook forward priority filter; policy accept;\n");
        // A published port is reachable from every network, like Docker's through its proxy; the isolation
        // below applies to direct traffic only.
        s.Append("    ct status dnat accept\n");
        foreach (var network in networks)
        {
            var bridge = Quote(network.Bridge);
            if (network.Internal)
            {
                s.Append("    iifname ").Append(bridge).Append(" oifname != ").Append(bridge).Append(" drop\n");
                s.Append("    oifname ").Append(bridge).Append(" iifname != ").Append(bridge).Append(" drop\n");
                continue;
            }
            var others = networks.Where(n => n.Bridge != network.Bridge).Select(n => Quote(n.Bridge)).ToList();
            if (others.Count > 0)
                s.Append("    iifname ").Append(bridge).Append(" oifname { ").Append(string.Join(", ", others)).Append(" } drop\n");
        }
        s.Append("  }\n}\n");
        return s.ToString();
    }

    private static string Quote(string name) => "\"" + name + "\"";
}
