using Berth.Networking.Ipam;
using Berth.Oci;

namespace Berth.Engine.Networks;

/// <summary>
/// <c>--aux-address name=ip</c>: addresses in a network's subnet kept from containers, for devices that share the
/// network. Docker's rules: each needs a subnet that holds it, and none may be the gateway.
/// </summary>
internal static class AuxiliaryAddresses
{
    public static void Check(IReadOnlyDictionary<string, string> addresses, IpamConfig? plan)
    {
        foreach (var (name, text) in addresses)
        {
            if (plan is null || !Ipv4Subnet.TryParseAddress(text, out var address) || !plan.Subnet.Contains(address))
                throw BerthException.Invalid($"no matching subnet for aux-address {text}");
            if (address == plan.Gateway)
                throw BerthException.Conflict($"failed to allocate secondary ip address ({name}:{text}): Address already in use");
        }
    }

    /// <summary>The addresses a network keeps from its containers.</summary>
    public static IEnumerable<uint> Of(NetworkRecord network) =>
        network.AuxAddresses?.Values.Select(Ipv4Subnet.ParseAddress) ?? [];
}
