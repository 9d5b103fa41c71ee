using System.Text.Json.Serialization;

namespace Berth.Oci;

/// <summary>config.md "rootfs": the ordered diffIDs (digests of the uncompressed layer tars).</summary>
public sealed record RootFs
{
    [JsonPropertyName("type")] public string Type { get; init; } = "layers";
    [JsonPropertyName("diff_ids")] public IReadOnlyList<Digest> DiffIds { get; init; } = [];
}
