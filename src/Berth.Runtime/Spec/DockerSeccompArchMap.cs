using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>A native architecture and the compat architectures its kernel also runs (x86_64: x86, x32).</summary>
internal sealed record DockerSeccompArchMap
{
    [JsonPropertyName("architecture")] public string Architecture { get; init; } = "";
    [JsonPropertyName("subArchitectures")] public IReadOnlyList<string>? SubArchitectures { get; init; }
}
