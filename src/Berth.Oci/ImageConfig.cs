using System.Text.Json.Serialization;

namespace Berth.Oci;

/// <summary>
/// An image configuration (OCI image-spec config.md), with the Docker fields docker writes beside them.
/// The stored config is always the original bytes — the image ID is their digest — so this type is for reading
/// and for writing new configs only, never for re-serializing an existing one.
/// </summary>
public sealed record ImageConfig
{
    [JsonPropertyName("created")] public DateTimeOffset? Created { get; init; }
    [JsonPropertyName("author")] public string? Author { get; init; }
    [JsonPropertyName("architecture")] public string Architecture { get; init; } = "";
    [JsonPropertyName("os")] public string Os { get; init; } = "";
    [JsonPropertyName("os.version")] public string? OsVersion { get; init; }
    [JsonPropertyName("variant")] public string? Variant { get; init; }
    [JsonPropertyName("config")] public ContainerConfig? Config { get; init; }
    [JsonPropertyName("rootfs")] public RootFs RootFs { get; init; } = new();
    [JsonPropertyName("history")] public IReadOnlyList<HistoryEntry>? History { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }
    [JsonPropertyName("docker_version")] public string? DockerVersion { get; init; }
    [JsonPropertyName("parent")] public string? Parent { get; init; }
}
