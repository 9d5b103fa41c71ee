namespace Berth.Engine.Networks;

/// <summary>What <c>network create</c> asks for; empty strings mean "choose for me".</summary>
public sealed record NetworkCreateOptions
{
    public required string Name { get; init; }
    public string Driver { get; init; } = NetworkNames.BridgeDriver;
    public string Subnet { get; init; } = "";
    public string Gateway { get; init; } = "";
    public string IpRange { get; init; } = "";
    public bool Internal { get; init; }
    /// <summary>Recorded and shown, as Docker does for a local network: any container may join a bridge anyway.</summary>
    public bool Attachable { get; init; }
    /// <summary>Addresses, by name, that the network's IPAM never gives to a container (<c>--aux-address</c>).</summary>
    public IReadOnlyDictionary<string, string> AuxAddresses { get; init; } = new Dictionary<string, string>();
    public string IpamDriver { get; init; } = NetworkNames.DefaultIpamDriver;
    public IReadOnlyDictionary<string, string> IpamOptions { get; init; } = new Dictionary<string, string>();
    public bool EnableIPv6 { get; init; }
    /// <summary>The swarm-only settings, refused with Docker's words when asked for.</summary>
    public bool Ingress { get; init; }
    public string Scope { get; init; } = "";
    public bool ConfigOnly { get; init; }
    public string ConfigFrom { get; init; } = "";
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
