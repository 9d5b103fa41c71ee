using System.Text.Json.Serialization;

namespace Berth.Engine.Models;

/// <summary>An endpoint's requested address (EndpointSettings.IPAMConfig in Docker's API).</summary>
public sealed record EndpointIpamConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPv4Address { get; init; }
}
