using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>One user-namespace id range (config-linux.md "User namespace mappings").</summary>
public sealed record LinuxIdMapping
{
    [JsonPropertyName("containerID")] public uint ContainerId { get; init; }
    [JsonPropertyName("hostID")] public uint HostId { get; init; }
    [JsonPropertyName("size")] public uint Size { get; init; }
}
