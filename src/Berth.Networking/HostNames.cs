using System.Text;

namespace Berth.Networking;

/// <summary>
/// Names of the objects a state root puts on the host (bridges, veths, the nft table). Interface names are at
/// most 15 bytes (IFNAMSIZ - 1). Each is derived from the state root or from random IDs, so engines on different
/// roots never touch each other's objects.
/// </summary>
public static class HostNames
{
    /// <summary>The default root's default bridge keeps Docker's style of name (<c>docker0</c> there).</summary>
    public const string DefaultBridge = "berth0";

    /// <summary><c>berth0</c> for the default state root, <c>berth</c> + 8 hex digits of the root's hash otherwise.</summary>
    public static string DefaultBridgeFor(string root, bool isDefaultRoot) => isDefaultRoot ? DefaultBridge : "berth" + Hash(root)[..8];

    /// <summary>A user network's bridge, Docker's <c>br-</c> + 12 hex digits of the network ID.</summary>
    public static string UserBridge(string networkId) => "br-" + networkId[..12];

    /// <summary>
    /// The host end of a container's veth pair on one network, from the endpoint's random ID: a restarted
    /// container gets a new name while the kernel may still be deleting its previous pair.
    /// </summary>
    public static string Veth(string endpointId) => "veth" + endpointId[..7];

    /// <summary>The nft table holding a root's NAT, port publishing and isolation rules.</summary>
    public static string NftTable(string root) => "berth_" + Hash(root)[..10];

    /// <summary>The iptables chain (28 characters at most) accepting a root's bridge traffic in FORWARD.</summary>
    public static string ForwardChain(string root) => "BERTH-" + Hash(root)[..10];

    private static string Hash(string text) => Convert.ToHexStringLower(Sha256.HashData(Encoding.UTF8.GetBytes(text)));
}
