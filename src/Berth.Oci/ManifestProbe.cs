using System.Text.Json.Serialization;

namespace Berth.Oci;

/// <summary>
/// The fields needed to tell a manifest from an index before parsing it fully: <c>mediaType</c> is optional in
/// OCI documents, so the presence of <c>manifests</c> or <c>config</c> decides as the spec suggests.
/// </summary>
public sealed record ManifestProbe
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; }
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("manifests")] public IReadOnlyList<Descriptor>? Manifests { get; init; }
    [JsonPropertyName("config")] public Descriptor? Config { get; init; }

    /// <summary>The document's media type, inferred from its shape when the field is absent.</summary>
    public string? EffectiveMediaType => MediaType ?? (Manifests is not null ? MediaTypes.OciIndex : Config is not null ? MediaTypes.OciManifest : null);
}
