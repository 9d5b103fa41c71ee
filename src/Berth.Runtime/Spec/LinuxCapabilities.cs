using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>The five capability sets, as CAP_* names (runtime-spec config.md "capabilities").</summary>
public sealed record LinuxCapabilities
{
    [JsonPropertyName("bounding")] public IReadOnlyList<string> Bounding { get; init; } = [];
    [JsonPropertyName("effective")] public IReadOnlyList<string> Effective { get; init; } = [];
    [JsonPropertyName("permitted")] public IReadOnlyList<string> Permitted { get; init; } = [];
    [JsonPropertyName("inheritable")] public IReadOnlyList<string> Inheritable { get; init; } = [];
    [JsonPropertyName("ambient")] public IReadOnlyList<string> Ambient { get; init; } = [];
}
