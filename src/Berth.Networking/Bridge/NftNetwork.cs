using Berth.Networking.Ipam;

namespace Berth.Networking.Bridge;

/// <summary>A network with containers attached, as the nft rules see it.</summary>
public sealed record NftNetwork(string Bridge, Ipv4Subnet Subnet, bool Internal);
