using System.Globalization;
using Berth.Networking.Ipam;

namespace Berth.Engine.Networks;

/// <summary>
/// The IPv4 destinations the host routes now (/proc/net/route), so an automatically chosen subnet never
/// shadows a LAN, a VPN or another engine's bridge (docker0 included), as Docker checks too. A bridge's address
/// is also its claim on a subnet host-wide: another state root's bridge shows here as a route through it.
/// </summary>
internal static class HostRoutes
{
    public static IReadOnlyList<HostRoute> Read()
    {
        var routes = new List<HostRoute>();
        string[] lines;
        try
        {
            lines = File.ReadAllLines("/proc/net/route");
        }
        catch (IOException)
        {
            return routes;
        }
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fields.Length < 8) continue;
            // Destination and mask are hex in network byte order read as a little-endian integer.
            if (!uint.TryParse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var destination)
                || !uint.TryParse(fields[7], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)) continue;
            if (mask == 0) continue;
            var prefix = System.Numerics.BitOperations.PopCount(mask);
            routes.Add(new HostRoute(new Ipv4Subnet(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(destination), prefix), fields[0]));
        }
        return routes;
    }

    /// <summary>The destinations only.</summary>
    public static IReadOnlyList<Ipv4Subnet> Destinations() => Read().Select(r => r.Destination).ToList();
}
