namespace Berth.Engine.Models;

/// <summary>A container attached to a network, as network inspect lists it.</summary>
public sealed record NetworkContainer
{
    public required string Name { get; init; }
    public required string EndpointID { get; init; }
    public required string MacAddress { get; init; }
    public required string IPv4Address { get; init; }
    public string IPv6Address { get; init; } = "";
}
