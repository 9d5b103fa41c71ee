using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>Memory cgroup settings in bytes (config-linux.md "Memory"); swap is memory plus swap, -1 unlimited.</summary>
public sealed record LinuxMemory
{
    [JsonPropertyName("limit")] public long? Limit { get; init; }
    [JsonPropertyName("reservation")] public long? Reservation { get; init; }
    [JsonPropertyName("swap")] public long? Swap { get; init; }
    [JsonPropertyName("kernel")] public long? Kernel { get; init; }
    [JsonPropertyName("swappiness")] public ulong? Swappiness { get; init; }
    [JsonPropertyName("disableOOMKiller")] public bool? DisableOomKiller { get; init; }
}
