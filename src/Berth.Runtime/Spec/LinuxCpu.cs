using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>CPU cgroup settings (config-linux.md "CPU"): CFS quota and period in microseconds, cpuset lists.</summary>
public sealed record LinuxCpu
{
    [JsonPropertyName("shares")] public ulong? Shares { get; init; }
    [JsonPropertyName("quota")] public long? Quota { get; init; }
    [JsonPropertyName("period")] public ulong? Period { get; init; }
    [JsonPropertyName("cpus")] public string? Cpus { get; init; }
    [JsonPropertyName("mems")] public string? Mems { get; init; }
}
