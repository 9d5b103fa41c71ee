using System.Text.Json.Serialization;

namespace Berth.Engine.Builds;

/// <summary>The index of an exported build cache (<c>berth-cache.json</c>), its entries sorted by key.</summary>
internal sealed record CacheDirectoryIndex
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; } = 1;
    [JsonPropertyName("entries")] public IReadOnlyList<CacheDirectoryEntry> Entries { get; init; } = [];
}
