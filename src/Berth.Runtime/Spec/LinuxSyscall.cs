using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>One seccomp rule: syscall names, the action, and argument conditions that must all hold.</summary>
public sealed record LinuxSyscall
{
    [JsonPropertyName("names")] public required IReadOnlyList<string> Names { get; init; }
    [JsonPropertyName("action")] public required string Action { get; init; }
    [JsonPropertyName("errnoRet")] public uint? ErrnoRet { get; init; }
    [JsonPropertyName("args")] public IReadOnlyList<LinuxSeccompArg>? Args { get; init; }
}
