namespace Berth.Engine.Models;

/// <summary>Container inspect's NetworkSettings: the network mode's name until bridge networks exist.</summary>
public sealed record NetworkSettingsInfo
{
    public string Bridge { get; init; } = "";
    public string SandboxID { get; init; } = "";
    public string SandboxKey { get; init; } = "";
    public IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?> Ports { get; init; } = new Dictionary<string, IReadOnlyList<PortBinding>?>();
    public string IPAddress { get; init; } = "";
    public string Gateway { get; init; } = "";
    public string MacAddress { get; init; } = "";
    public IReadOnlyDictionary<string, EndpointInfo> Networks { get; init; } = new Dictionary<string, EndpointInfo>();
}
