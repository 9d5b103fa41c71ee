using System.Text.Json.Serialization;

namespace Berth.Distribution;

/// <summary>The body of <c>GET /v2/&lt;name&gt;/tags/list</c> (distribution spec, "Listing Tags").</summary>
internal sealed record TagList
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
}
