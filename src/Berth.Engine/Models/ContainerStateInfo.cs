namespace Berth.Engine.Models;

/// <summary>Container inspect's State, in Docker's field order and formats (times RFC 3339, zero time when unset).</summary>
public sealed record ContainerStateInfo
{
    public required string Status { get; init; }
    public bool Running { get; init; }
    public bool Paused { get; init; }
    public bool Restarting { get; init; }
    public bool OOMKilled { get; init; }
    public bool Dead { get; init; }
    public int Pid { get; init; }
    public int ExitCode { get; init; }
    public string Error { get; init; } = "";
    public required string StartedAt { get; init; }
    public required string FinishedAt { get; init; }
}
