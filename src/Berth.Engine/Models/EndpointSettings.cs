using System.Text.Json.Serialization;

namespace Berth.Engine.Models;

/// <summary>
/// What a container asks of one network (Engine API NetworkingConfig.EndpointsConfig[name]): a fixed address
/// (<c>--ip</c>), a MAC (<c>--mac-address</c>) and extra names (<c>--network-alias</c>).
/// </summary>
public sealed record EndpointSettings
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPv4Address { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MacAddress { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
}
