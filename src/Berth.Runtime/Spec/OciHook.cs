using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>One hook command: an absolute path, its argv and env, and an optional timeout in seconds.</summary>
public sealed record OciHook
{
    [JsonPropertyName("path")] public required string Path { get; init; }
    [JsonPropertyName("args")] public IReadOnlyList<string>? Args { get; init; }
    [JsonPropertyName("env")] public IReadOnlyList<string>? Env { get; init; }
    [JsonPropertyName("timeout")] public int? Timeout { get; init; }
}
