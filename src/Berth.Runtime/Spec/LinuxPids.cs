using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>The pids cgroup limit (config-linux.md "pids"); -1 is unlimited.</summary>
public sealed record LinuxPids
{
    [JsonPropertyName("limit")] public long Limit { get; init; }
}
