using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>The Linux section of config.json (runtime-spec config-linux.md).</summary>
public sealed record LinuxConfig
{
    [JsonPropertyName("uidMappings")] public IReadOnlyList<LinuxIdMapping>? UidMappings { get; init; }
    [JsonPropertyName("gidMappings")] public IReadOnlyList<LinuxIdMapping>? GidMappings { get; init; }
    [JsonPropertyName("sysctl")] public IReadOnlyDictionary<string, string>? Sysctl { get; init; }
    [JsonPropertyName("resources")] public LinuxResources? Resources { get; init; }
    [JsonPropertyName("cgroupsPath")] public string? CgroupsPath { get; init; }
    [JsonPropertyName("namespaces")] public IReadOnlyList<LinuxNamespace> Namespaces { get; init; } = [];
    [JsonPropertyName("devices")] public IReadOnlyList<LinuxDevice>? Devices { get; init; }
    [JsonPropertyName("seccomp")] public LinuxSeccomp? Seccomp { get; init; }
    [JsonPropertyName("rootfsPropagation")] public string? RootfsPropagation { get; init; }
    [JsonPropertyName("maskedPaths")] public IReadOnlyList<string>? MaskedPaths { get; init; }
    [JsonPropertyName("readonlyPaths")] public IReadOnlyList<string>? ReadonlyPaths { get; init; }
}
