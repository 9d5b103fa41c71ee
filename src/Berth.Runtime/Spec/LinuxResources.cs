using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>cgroup limits (config-linux.md "Control groups"); absent sections leave the runtime's defaults.</summary>
public sealed record LinuxResources
{
    [JsonPropertyName("devices")] public IReadOnlyList<LinuxDeviceCgroup>? Devices { get; init; }
    [JsonPropertyName("memory")] public LinuxMemory? Memory { get; init; }
    [JsonPropertyName("cpu")] public LinuxCpu? Cpu { get; init; }
    [JsonPropertyName("pids")] public LinuxPids? Pids { get; init; }
    [JsonPropertyName("blockIO")] public LinuxBlockIo? BlockIo { get; init; }
}
