using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>
/// A rule condition: capabilities (all needed in includes, any one rejects in excludes), Go architecture
/// names (amd64, arm64, s390x...) and a minimum kernel version ("4.8").
/// </summary>
internal sealed record DockerSeccompFilter
{
    [JsonPropertyName("caps")] public IReadOnlyList<string>? Caps { get; init; }
    [JsonPropertyName("arches")] public IReadOnlyList<string>? Arches { get; init; }
    [JsonPropertyName("minKernel")] public string? MinKernel { get; init; }
}
