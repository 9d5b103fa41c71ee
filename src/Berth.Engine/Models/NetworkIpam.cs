namespace Berth.Engine.Models;

/// <summary>A network's IPAM section: the driver ("default") and one config per subnet.</summary>
public sealed record NetworkIpam
{
    public string Driver { get; init; } = "default";
    public IReadOnlyDictionary<string, string>? Options { get; init; }
    public required IReadOnlyList<NetworkIpamConfig> Config { get; init; }
}
