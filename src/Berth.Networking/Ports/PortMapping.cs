namespace Berth.Networking.Ports;

/// <summary>
/// One published port: host address ("" for all of the host's addresses) and port (0 for an ephemeral one),
/// container port and protocol ("tcp" or "udp").
/// </summary>
public readonly record struct PortMapping(string HostIp, int HostPort, int ContainerPort, string Protocol)
{
    /// <summary>Docker's key for the container side: <c>80/tcp</c>.</summary>
    public string Key => $"{ContainerPort}/{Protocol}";
}
