namespace Berth.Engine.Models;

/// <summary>One host address and port a container port is published on.</summary>
public sealed record PortBinding(string HostIp, string HostPort);
