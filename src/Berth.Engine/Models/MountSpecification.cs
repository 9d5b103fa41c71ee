using System.Text.Json.Serialization;

namespace Berth.Engine.Models;

/// <summary>HostConfig.Mounts[]: one <c>--mount</c> (Engine API mount.Mount).</summary>
public sealed record MountSpecification
{
    public string Type { get; init; } = "volume";
    public string Source { get; init; } = "";
    public string Target { get; init; } = "";
    public bool ReadOnly { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BindPropagation { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? VolumeNoCopy { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? TmpfsSizeBytes { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TmpfsMode { get; init; }
}
