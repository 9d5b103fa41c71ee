using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>One rule of a docker profile; applies only when its includes hold and none of its excludes do.</summary>
internal sealed record DockerSeccompSyscall
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("names")] public IReadOnlyList<string>? Names { get; init; }
    [JsonPropertyName("action")] public string Action { get; init; } = "";
    [JsonPropertyName("errnoRet")] public uint? ErrnoRet { get; init; }
    [JsonPropertyName("args")] public IReadOnlyList<LinuxSeccompArg>? Args { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }
    [JsonPropertyName("includes")] public DockerSeccompFilter? Includes { get; init; }
    [JsonPropertyName("excludes")] public DockerSeccompFilter? Excludes { get; init; }
}
