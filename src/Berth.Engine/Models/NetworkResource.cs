namespace Berth.Engine.Models;

/// <summary>
/// The Docker Engine API's Network object (<c>GET /networks/{id}</c>), keys in the API's order so inspect prints
/// them as docker does. <see cref="Containers"/> lists the containers attached now (running ones).
/// </summary>
public sealed record NetworkResource
{
    public required string Name { get; init; }
    public required string Id { get; init; }
    public required string Created { get; init; }
    public string Scope { get; init; } = "local";
    public required string Driver { get; init; }
    public bool EnableIPv6 { get; init; }
    public required NetworkIpam IPAM { get; init; }
    public bool Internal { get; init; }
    public bool Attachable { get; init; }
    public bool Ingress { get; init; }
    public NetworkConfigFrom ConfigFrom { get; init; } = new();
    public bool ConfigOnly { get; init; }
    public required IReadOnlyDictionary<string, NetworkContainer> Containers { get; init; }
    public required IReadOnlyDictionary<string, string> Options { get; init; }
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
}
