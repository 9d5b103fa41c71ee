using System.Text.Json.Serialization;

namespace Berth.Engine.Models;

/// <summary>A mount as container inspect reports it (Engine API types.MountPoint).</summary>
public sealed record MountPoint
{
    public required string Type { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }
    public required string Source { get; init; }
    public required string Destination { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Driver { get; init; }
    public string Mode { get; init; } = "";
    public bool RW { get; init; } = true;
    public string Propagation { get; init; } = "";
}
