using Berth.Engine.Models;

namespace Berth.Engine.Containers;

/// <summary>
/// What a container is, fixed at create (and changed only by rename): the merged config, the host config and
/// the mounts. Stored as JSON in the <c>containers.config</c> column; its state lives beside it in
/// <see cref="ContainerState"/> because the monitor rewrites that alone.
/// </summary>
internal sealed record ContainerRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required string ImageId { get; init; }
    /// <summary>The top layer's chain ID the rootfs snapshot sits on; null for an image without layers.</summary>
    public string? ChainId { get; init; }
    public required string Path { get; init; }
    public required IReadOnlyList<string> Args { get; init; }
    public required DockerContainerConfig Config { get; init; }
    public required HostConfig HostConfig { get; init; }
    public required IReadOnlyList<MountPoint> Mounts { get; init; }
    public required string Driver { get; init; }

    public string ShortId => Id[..12];
}
