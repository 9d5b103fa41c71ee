using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>Block I/O cgroup settings (config-linux.md "Block IO"); only the weight is carried.</summary>
public sealed record LinuxBlockIo
{
    [JsonPropertyName("weight")] public ushort? Weight { get; init; }
}
