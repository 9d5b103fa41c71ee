using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Berth.Oci;

namespace Berth.Networking.Ipam;

/// <summary>An IPv4 subnet in CIDR form (<c>172.18.0.0/16</c>), addresses held as host-order integers.</summary>
public readonly record struct Ipv4Subnet(uint Network, int PrefixLength)
{
    public uint Mask => PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);

    /// <summary>The last address (the broadcast address of the subnet).</summary>
    public uint Broadcast => Network | ~Mask;

    /// <summary>How many addresses the subnet spans, network and broadcast included.</summary>
    public ulong Size => 1UL << (32 - PrefixLength);

    public bool Contains(uint address) => (address & Mask) == Network;

    public bool Contains(Ipv4Subnet other) => other.PrefixLength >= PrefixLength && Contains(other.Network);

    public bool Overlaps(Ipv4Subnet other) => Contains(other.Network) || other.Contains(Network);

    /// <summary>
    /// Parses <c>a.b.c.d/n</c>. Like Docker, host bits set in the address are an error for a subnet
    /// ("invalid subnet") unless <paramref name="allowHostBits"/>, when they are cleared.
    /// </summary>
    public static Ipv4Subnet Parse(string text, bool allowHostBits = false)
    {
        var slash = text.IndexOf('/');
        if (slash < 0 || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32
            || !TryParseAddress(text[..slash], out var address))
            throw BerthException.Invalid($"invalid CIDR address: {text}");
        var subnet = new Ipv4Subnet(0, prefix);
        var network = address & subnet.Mask;
        if (network != address && !allowHostBits) throw BerthException.Invalid($"invalid subnet {text}: it should be {Format(network)}/{prefix}");
        return subnet with { Network = network };
    }

    /// <summary>Parses a dotted IPv4 address; false for IPv6 or anything else.</summary>
    public static bool TryParseAddress(string text, out uint address)
    {
        address = 0;
        if (!IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork || text.Count(c => c == '.') != 3) return false;
        Span<byte> bytes = stackalloc byte[4];
        ip.TryWriteBytes(bytes, out _);
        address = (uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3];
        return true;
    }

    public static uint ParseAddress(string text) =>
        TryParseAddress(text, out var address) ? address : throw BerthException.Invalid($"invalid IPv4 address: {text}");

    public static string Format(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}");

    public override string ToString() => $"{Format(Network)}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";
}
