namespace Berth.Engine.Models;

/// <summary>A request for devices from a driver (HostConfig.DeviceRequests in Docker's API; <c>--gpus</c> makes them).</summary>
public sealed record DeviceRequest
{
    public string Driver { get; init; } = "";
    public int Count { get; init; }
    public IReadOnlyList<string>? DeviceIDs { get; init; }
    public IReadOnlyList<IReadOnlyList<string>>? Capabilities { get; init; }
    public IReadOnlyDictionary<string, string>? Options { get; init; }
}
