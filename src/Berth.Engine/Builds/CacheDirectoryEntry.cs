using System.Text.Json.Serialization;
using Berth.Oci;

namespace Berth.Engine.Builds;

/// <summary>One step in an exported build cache: its key, its layer's blob (none for a config-only step) and history time.</summary>
internal sealed record CacheDirectoryEntry
{
    [JsonPropertyName("key")] public required Digest Key { get; init; }
    [JsonPropertyName("layer")] public Descriptor? Layer { get; init; }
    [JsonPropertyName("created")] public required DateTimeOffset Created { get; init; }
}
