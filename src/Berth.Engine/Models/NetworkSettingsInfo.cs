namespace Berth.Engine.Models;

/// <summary>
/// Container inspect's NetworkSettings, in Docker's field order: the top-level address fields repeat the default
/// bridge's endpoint; the IPv6 and secondary-address fields stay empty, as berth's networks are IPv4 only.
/// </summary>
public sealed record NetworkSettingsInfo
{
    public string Bridge { get; init; } = "";
    public string SandboxID { get; init; } = "";
    public bool HairpinMode { get; init; }
    public string LinkLocalIPv6Address { get; init; } = "";
    public int LinkLocalIPv6PrefixLen { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?> Ports { get; init; } = new Dictionary<string, IReadOnlyList<PortBinding>?>();
    /// <summary>The pinned network namespace of a running container (for nsenter --net).</summary>
    public string SandboxKey { get; init; } = "";
    public IReadOnlyList<string>? SecondaryIPAddresses { get; init; }
    public IReadOnlyList<string>? SecondaryIPv6Addresses { get; init; }
    public string EndpointID { get; init; } = "";
    public string Gateway { get; init; } = "";
    public string GlobalIPv6Address { get; init; } = "";
    public int GlobalIPv6PrefixLen { get; init; }
    public string IPAddress { get; init; } = "";
    public int IPPrefixLen { get; init; }
    public string IPv6Gateway { get; init; } = "";
    public string MacAddress { get; init; } = "";
    public IReadOnlyDictionary<string, EndpointInfo> Networks { get; init; } = new Dictionary<string, EndpointInfo>();
}
