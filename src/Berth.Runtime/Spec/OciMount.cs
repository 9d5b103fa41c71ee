using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>
/// One mount in the container (runtime-spec config.md "mounts"). Binds have type "bind" and the "bind" or
/// "rbind" option; options are mount(8) words (ro, nosuid, rprivate, size=...).
/// </summary>
public sealed record OciMount
{
    [JsonPropertyName("destination")] public required string Destination { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("options")] public IReadOnlyList<string>? Options { get; init; }
}
