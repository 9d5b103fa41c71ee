using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>
/// The seccomp filter (config-linux.md "Seccomp"): the default action for unlisted syscalls, the
/// architectures the filter covers and the rules. runc skips syscall names its libseccomp does not know.
/// </summary>
public sealed record LinuxSeccomp
{
    [JsonPropertyName("defaultAction")] public required string DefaultAction { get; init; }
    [JsonPropertyName("defaultErrnoRet")] public uint? DefaultErrnoRet { get; init; }
    [JsonPropertyName("architectures")] public IReadOnlyList<string>? Architectures { get; init; }
    [JsonPropertyName("flags")] public IReadOnlyList<string>? Flags { get; init; }
    [JsonPropertyName("syscalls")] public IReadOnlyList<LinuxSyscall>? Syscalls { get; init; }
}
