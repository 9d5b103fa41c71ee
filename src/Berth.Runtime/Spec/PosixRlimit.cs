using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>One setrlimit(2) pair (runtime-spec config.md "rlimits"); ulong.MaxValue is RLIM_INFINITY.</summary>
public sealed record PosixRlimit
{
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("hard")] public ulong Hard { get; init; }
    [JsonPropertyName("soft")] public ulong Soft { get; init; }
}
