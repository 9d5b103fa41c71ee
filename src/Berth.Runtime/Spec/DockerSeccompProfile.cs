using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>
/// A seccomp profile in docker's format (moby profiles/seccomp): like the OCI filter, plus an architecture map
/// keyed by the native architecture and per-rule includes/excludes by capability, architecture and kernel.
/// </summary>
internal sealed record DockerSeccompProfile
{
    [JsonPropertyName("defaultAction")] public string DefaultAction { get; init; } = "";
    [JsonPropertyName("defaultErrnoRet")] public uint? DefaultErrnoRet { get; init; }
    [JsonPropertyName("architectures")] public IReadOnlyList<string>? Architectures { get; init; }
    [JsonPropertyName("archMap")] public IReadOnlyList<DockerSeccompArchMap>? ArchMap { get; init; }
    [JsonPropertyName("flags")] public IReadOnlyList<string>? Flags { get; init; }
    [JsonPropertyName("syscalls")] public IReadOnlyList<DockerSeccompSyscall>? Syscalls { get; init; }
}
