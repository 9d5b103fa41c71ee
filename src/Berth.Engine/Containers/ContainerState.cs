namespace Berth.Engine.Containers;

/// <summary>
/// Where a container is in its life, as recorded by whoever last changed it (the CLI or the container's monitor).
/// A record saying "running" is only believed while its monitor lives; <see cref="ContainerReconciler"/> corrects
/// what a dead monitor left behind.
/// </summary>
internal sealed record ContainerState
{
    public ContainerStatus Status { get; init; } = ContainerStatus.Created;
    /// <summary>The container's init process on the host, 0 when not running.</summary>
    public int Pid { get; init; }
    /// <summary>The monitor process, 0 when none; its liveness is judged by the monitor lock, not the pid.</summary>
    public int MonitorPid { get; init; }
    public int ExitCode { get; init; }
    public string Error { get; init; } = "";
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public bool OomKilled { get; init; }
    public int RestartCount { get; init; }
    /// <summary>Set by stop and kill so the restart policy leaves the container down (Docker's HasBeenManuallyStopped).</summary>
    public bool ManuallyStopped { get; init; }
}
