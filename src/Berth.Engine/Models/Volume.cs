namespace Berth.Engine.Models;

/// <summary>
/// The Docker Engine API's Volume object (<c>GET /volumes/{name}</c>). Properties are declared in the API's
/// key order so inspect prints them as docker does; <see cref="CreatedAt"/> is RFC 3339 with whole seconds.
/// </summary>
public sealed record Volume
{
    public required string CreatedAt { get; init; }
    public required string Driver { get; init; }
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
    public required string Mountpoint { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyDictionary<string, string> Options { get; init; }
    public string Scope { get; init; } = "local";
}
