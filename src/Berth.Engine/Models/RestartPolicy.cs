namespace Berth.Engine.Models;

/// <summary>HostConfig.RestartPolicy: "no", "always", "unless-stopped" or "on-failure" with a retry limit.</summary>
public sealed record RestartPolicy
{
    public string Name { get; init; } = "no";
    public int MaximumRetryCount { get; init; }
}
