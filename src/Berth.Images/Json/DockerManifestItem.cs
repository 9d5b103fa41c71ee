namespace Berth.Images.Json;

/// <summary>
/// One entry of a docker-archive's <c>manifest.json</c> (moby image/tarexport "manifestItem"): paths inside the
/// archive of the config and the layers, and the familiar names of the image. Docker API style: PascalCase.
/// </summary>
internal sealed record DockerManifestItem
{
    public string? Config { get; init; }
    public IReadOnlyList<string>? RepoTags { get; init; }
    public IReadOnlyList<string>? Layers { get; init; }
}
