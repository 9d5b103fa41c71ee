namespace Berth.Engine.Models;

/// <summary>One row of the Docker Engine API's <c>GET /images/json</c> (ImageSummary); times are Unix seconds.</summary>
public sealed record ImageSummary
{
    public required string Id { get; init; }
    public string ParentId { get; init; } = "";
    public required IReadOnlyList<string> RepoTags { get; init; }
    public required IReadOnlyList<string> RepoDigests { get; init; }
    public required long Created { get; init; }
    public required long Size { get; init; }
    public long SharedSize { get; init; } = -1;
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public int Containers { get; init; } = -1;
}
