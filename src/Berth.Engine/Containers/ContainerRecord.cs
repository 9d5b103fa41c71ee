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
    /// <summary>
    /// The OCI runtime binary found for HostConfig.Runtime when the container was created: later commands may
    /// run with another PATH, and must reach the runtime that holds the container's state.
    /// </summary>
    public string? RuntimePath { get; init; }

    /// <summary>
    /// The networks a bridge-mode container joins, by name, with what it asked of each (address, MAC, aliases):
    /// its <c>--network</c> first, then those connected later. Null for host, none and container: modes.
    /// </summary>
    public IReadOnlyDictionary<string, Models.EndpointSettings>? Networks { get; init; }

    /// <summary>The runtime binary to run: the one recorded at create, else the name looked up on PATH now.</summary>
    public string ResolveRuntime() => ResolveRuntime(RuntimePath, HostConfig.Runtime);

    /// <summary>The recorded runtime binary while it exists, else <paramref name="runtime"/> looked up on PATH now.</summary>
    public static string ResolveRuntime(string? runtimePath, string runtime) =>
        runtimePath is { } path && File.Exists(path) ? path : Runtime.Oci.RuntimeLookup.Resolve(runtime);

    public string ShortId => Id[..12];
}
