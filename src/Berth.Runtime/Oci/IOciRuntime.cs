using Berth.Runtime.Processes;

namespace Berth.Runtime.Oci;

/// <summary>
/// An OCI runtime (runtime-spec "Lifecycle" and "Operations"): runs containers from bundles, a directory
/// holding <c>config.json</c> and the rootfs. A container id names one container in the runtime's state root.
/// <para>
/// Lifecycle: <see cref="CreateAsync"/> sets up namespaces, cgroups and mounts and leaves the container's
/// init waiting before the user process (status <see cref="RuntimeStatus.Created"/>; its pid is written to the
/// pid file). <see cref="StartAsync"/> runs the user process (<see cref="RuntimeStatus.Running"/>);
/// <see cref="PauseAsync"/> and <see cref="ResumeAsync"/> freeze and thaw it (<see cref="RuntimeStatus.Paused"/>).
/// <see cref="KillAsync"/> signals it; once init has exited the status is <see cref="RuntimeStatus.Stopped"/>
/// and <see cref="DeleteAsync"/> removes what the runtime holds (forcing kills first). The runtime does not
/// report init's exit status: the init's parent (or the subreaper it re-parents to, see
/// <see cref="ChildReaper.BecomeSubreaper"/>) reaps it.
/// </para>
/// <para>
/// <see cref="ExecAsync"/> runs another process inside a running container; <see cref="ProcessesAsync"/>,
/// <see cref="StatsAsync"/> and <see cref="UpdateAsync"/> inspect and adjust a running one.
/// </para>
/// Failures are <see cref="Berth.Oci.BerthException"/>s carrying the runtime's own error text; an unknown id is
/// <see cref="Berth.Oci.ErrorKind.NotFound"/> (except in <see cref="StateAsync"/>, which returns null).
/// </summary>
public interface IOciRuntime
{
    /// <summary>
    /// Creates container <paramref name="id"/> from <paramref name="bundle"/>. Without a terminal the container's
    /// stdio is <paramref name="io"/>; with <c>process.terminal</c> the runtime sends the pty master to
    /// <paramref name="consoleSocketPath"/>. The init's pid is written to <paramref name="pidFile"/>.
    /// </summary>
    Task CreateAsync(string id, string bundle, RuntimeIo io, string? consoleSocketPath, string pidFile, CancellationToken ct);

    /// <summary>
    /// <see cref="CreateAsync"/> and <see cref="StartAsync"/> in one runtime process: the container is running
    /// when it returns. A caller that must not miss output simply reads the container's stdio later; it waits
    /// in the pipe or terminal.
    /// </summary>
    Task RunDetachedAsync(string id, string bundle, RuntimeIo io, string? consoleSocketPath, string pidFile, CancellationToken ct);

    /// <summary>
    /// <see cref="CreateAsync"/>, <see cref="StartAsync"/> and waiting in one runtime process, which returns
    /// the container's exit status (a build step's run). The container stays until <see cref="DeleteAsync"/>;
    /// cancelling kills the runtime process and leaves the container for a forced delete.
    /// </summary>
    Task<ExitStatus> RunAsync(string id, string bundle, RuntimeIo io, CancellationToken ct);

    /// <summary>
    /// Whether the runtime keeps a record for <paramref name="id"/>, answered from its state directory without
    /// running it (a process start costs more than the whole check). A record may be stale; no record means
    /// there is nothing to delete.
    /// </summary>
    bool HasState(string id);

    /// <summary>Runs the user process of a created container.</summary>
    Task StartAsync(string id, CancellationToken ct);

    /// <summary>The container's state, or null when the runtime does not know <paramref name="id"/>.</summary>
    Task<RuntimeState?> StateAsync(string id, CancellationToken ct);

    /// <summary>Sends <paramref name="signal"/> to init, or to every process in the container when <paramref name="all"/>.</summary>
    Task KillAsync(string id, int signal, bool all, CancellationToken ct);

    /// <summary>Deletes a stopped container; <paramref name="force"/> kills a running one first.</summary>
    Task DeleteAsync(string id, bool force, CancellationToken ct);

    /// <summary>
    /// Deletes a container whose init the caller has reaped (so its status is stopped): what
    /// <see cref="DeleteAsync"/> does, possibly without a runtime process.
    /// </summary>
    Task DeleteExitedAsync(string id, CancellationToken ct);

    Task PauseAsync(string id, CancellationToken ct);

    Task ResumeAsync(string id, CancellationToken ct);

    /// <summary>
    /// Runs the process described by <paramref name="processJson"/> (a runtime-spec <c>process</c> object)
    /// in a running container. Detached, it returns once the process started (its pid in
    /// <paramref name="pidFile"/>); otherwise it returns the process's exit status.
    /// </summary>
    Task<ExitStatus> ExecAsync(string id, ReadOnlyMemory<byte> processJson, RuntimeIo io, string? consoleSocketPath, bool detach, string? pidFile, CancellationToken ct);

    /// <summary>Host pids of the processes in the container.</summary>
    Task<IReadOnlyList<int>> ProcessesAsync(string id, CancellationToken ct);

    /// <summary>One sample of the container's cgroup statistics.</summary>
    Task<RuntimeStats> StatsAsync(string id, CancellationToken ct);

    /// <summary>Applies a runtime-spec <c>linux.resources</c> JSON object to a running container.</summary>
    Task UpdateAsync(string id, string resourcesJson, CancellationToken ct);
}
