namespace Berth.Engine.Models;

/// <summary>One network a container is attached to (NetworkSettings.Networks[name]).</summary>
public sealed record EndpointInfo
{
    public string NetworkID { get; init; } = "";
    public string EndpointID { get; init; } = "";
    public string Gateway { get; init; } = "";
    public string IPAddress { get; init; } = "";
    public int IPPrefixLen { get; init; }
    public string MacAddress { get; init; } = "";
    public IReadOnlyList<string>? Aliases { get; init; }
}
