using Berth.Networking.Ipam;

namespace Berth.Engine.Networks;

/// <summary>One route of the host's main table: where to, and through which interface.</summary>
internal readonly record struct HostRoute(Ipv4Subnet Destination, string Interface)
{
    /// <summary>Whether the route goes through a Linux bridge (a network of this or another engine).</summary>
    public bool ThroughBridge => Directory.Exists($"/sys/class/net/{Interface}/bridge");
}
