using System.Text.Json.Serialization;

namespace Berth.Engine.Models;

/// <summary>One subnet of a network, with its gateway and the range dynamic addresses come from.</summary>
public sealed record NetworkIpamConfig
{
    public required string Subnet { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPRange { get; init; }
    public required string Gateway { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? AuxiliaryAddresses { get; init; }
}
