namespace Berth.Engine.Models;

/// <summary>The body of Engine API <c>POST /containers/create</c> plus the name from its query string.</summary>
public sealed record ContainerCreateRequest
{
    public string? Name { get; init; }
    public required DockerContainerConfig Config { get; init; }
    public HostConfig HostConfig { get; init; } = new();
    /// <summary>Per-network settings (NetworkingConfig.EndpointsConfig), keyed by network name.</summary>
    public IReadOnlyDictionary<string, EndpointSettings>? EndpointsConfig { get; init; }
    /// <summary>The image platform asked for with <c>--platform</c>, if any.</summary>
    public string? Platform { get; init; }
}
