namespace Berth.Engine.Models;

/// <summary>The Docker Engine API's container inspect response (<c>GET /containers/{id}/json</c>).</summary>
public sealed record ContainerInspect
{
    public required string Id { get; init; }
    public required string Created { get; init; }
    public required string Path { get; init; }
    public required IReadOnlyList<string> Args { get; init; }
    public required ContainerStateInfo State { get; init; }
    public required string Image { get; init; }
    public required string ResolvConfPath { get; init; }
    public required string HostnamePath { get; init; }
    public required string HostsPath { get; init; }
    public required string LogPath { get; init; }
    public required string Name { get; init; }
    public int RestartCount { get; init; }
    public required string Driver { get; init; }
    public string Platform { get; init; } = "linux";
    public string MountLabel { get; init; } = "";
    public string ProcessLabel { get; init; } = "";
    public string AppArmorProfile { get; init; } = "";
    public IReadOnlyList<string>? ExecIDs { get; init; }
    public required HostConfig HostConfig { get; init; }
    public required GraphDriverData GraphDriver { get; init; }
    public required IReadOnlyList<MountPoint> Mounts { get; init; }
    public required DockerContainerConfig Config { get; init; }
    public required NetworkSettingsInfo NetworkSettings { get; init; }
}
