using System.Text.Json.Serialization;

namespace Berth.Oci;

/// <summary>config.md "history": one build step; <see cref="EmptyLayer"/> steps add no entry to rootfs.</summary>
public sealed record HistoryEntry
{
    [JsonPropertyName("created")] public DateTimeOffset? Created { get; init; }
    [JsonPropertyName("created_by")] public string? CreatedBy { get; init; }
    [JsonPropertyName("author")] public string? Author { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }
    [JsonPropertyName("empty_layer")] public bool? EmptyLayer { get; init; }
}
