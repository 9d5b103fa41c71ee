namespace Berth.Networking.Bridge;

/// <summary>A published port as the nft rules see it: host address ("" for any of the host's), port and target.</summary>
public sealed record NftPort(string HostIp, int HostPort, string Protocol, string ContainerIp, int ContainerPort);
