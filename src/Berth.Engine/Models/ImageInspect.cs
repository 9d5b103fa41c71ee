using System.Text.Json.Serialization;

namespace Berth.Engine.Models;

/// <summary>The Docker Engine API's image inspect response (<c>GET /images/{name}/json</c>).</summary>
public sealed record ImageInspect
{
    public required string Id { get; init; }
    public required IReadOnlyList<string> RepoTags { get; init; }
    public required IReadOnlyList<string> RepoDigests { get; init; }
    public string Parent { get; init; } = "";
    public string Comment { get; init; } = "";
    public required string Created { get; init; }
    public string DockerVersion { get; init; } = "";
    public string Author { get; init; } = "";
    public required DockerContainerConfig Config { get; init; }
    public required string Architecture { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Variant { get; init; }
    public required string Os { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OsVersion { get; init; }
    public required long Size { get; init; }
    public required GraphDriverData GraphDriver { get; init; }
    public required RootFsInfo RootFS { get; init; }
    public required ImageMetadata Metadata { get; init; }
}
