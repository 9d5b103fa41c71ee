using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>
/// A namespace the container gets (config-linux.md "Namespaces"): without a path a new one is created, with a
/// path the container joins that one. A type that is absent from the list is shared with the runtime.
/// </summary>
public sealed record LinuxNamespace
{
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("path")] public string? Path { get; init; }
}
