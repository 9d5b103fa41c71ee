using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>
/// One device cgroup rule (config-linux.md "Device allowlist"): a null type means all ("a"), a null major or
/// minor means any ("*"). Rules apply in order, the last match wins.
/// </summary>
public sealed record LinuxDeviceCgroup
{
    [JsonPropertyName("allow")] public bool Allow { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("major")] public long? Major { get; init; }
    [JsonPropertyName("minor")] public long? Minor { get; init; }
    [JsonPropertyName("access")] public string? Access { get; init; }
}
