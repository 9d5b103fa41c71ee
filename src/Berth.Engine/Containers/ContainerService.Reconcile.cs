using Berth.Linux;
using Berth.Runtime.Oci;
using Berth.Runtime.Processes;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>The cgroup a container's processes run in (cgroupfs path, the same under v1 and v2).</summary>
    internal static string CgroupsPathOf(string id) => "/berth/" + id;

    /// <summary>
    /// A container's cgroup: under <c>--cgroup-parent</c> when given (a relative parent is taken from the root, as
    /// Docker's cgroupfs driver takes it from init's), else under /berth.
    /// </summary>
    internal static string CgroupsPathOf(ContainerRecord record) => CgroupsPathOf(record.Id, record.HostConfig.CgroupParent);

    /// <inheritdoc cref="CgroupsPathOf(ContainerRecord)"/>
    internal static string CgroupsPathOf(string id, string cgroupParent) =>
        cgroupParent is { Length: > 0 } parent ? $"/{parent.Trim('/')}/{id}" : CgroupsPathOf(id);

    /// <summary>
    /// Makes a row tell the truth. A row that says running, paused or restarting is believed while its monitor
    /// holds the monitor lock. When the monitor is gone (killed, crashed), the runtime is asked: a container still
    /// running stays "running" without a monitor; one that is gone is recorded as exited (255, the code Docker
    /// gives when it lost track of a container) and its runtime state and rootfs mount are released.
    /// </summary>
    internal StoredContainer Reconcile(StoredContainer stored)
    {
        if (!IsLive(stored.State.Status)) return stored;
        var paths = PathsOf(stored.Id);
        // The decision is taken holding the monitor lock, on the row as it is now: the row in hand may have been
        // read just before a monitor recorded the exit and went, and judged on it, that exit would be overwritten
        // with 255. Held, the lock also keeps a new monitor from starting while the leftovers are released.
        if (!TryTakeOverMonitorLock(paths, out var monitorLock)) return stored;
        using (monitorLock)
        {
            var current = _metadata.Read(t => _containers.ById(t, stored.Id));
            if (current is null) return stored;
            if (!IsLive(current.State.Status)) return current;
            var next = StateWithoutMonitor(current, paths);
            if (next == current.State) return current;
            _metadata.Write(t => _containers.SetState(t, current.Id, next));
            return current with { State = next };
        }
    }

    private ContainerState StateWithoutMonitor(StoredContainer current, ContainerPaths paths)
    {
        var runtime = RuntimeFor(current.Record);
        var actual = runtime?.StateAsync(current.Id, CancellationToken.None).GetAwaiter().GetResult();
        if (actual is { Status: RuntimeStatus.Running or RuntimeStatus.Paused })
            return current.State with { Status = actual.Status == RuntimeStatus.Paused ? ContainerStatus.Paused : ContainerStatus.Running, Pid = actual.Pid, MonitorPid = 0 };

        if (actual is not null) runtime!.DeleteAsync(current.Id, force: true, CancellationToken.None).GetAwaiter().GetResult();
        ReleaseBundle(paths);
        _networks.ReleaseContainerAsync(current.Id, CancellationToken.None).GetAwaiter().GetResult();
        return current.State with
        {
            Status = ContainerStatus.Exited,
            Pid = 0,
            MonitorPid = 0,
            ExitCode = 255,
            FinishedAt = current.State.FinishedAt ?? _time.GetUtcNow(),
        };
    }

    private static bool IsLive(ContainerStatus status) =>
        status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;

    /// <summary>
    /// False when a monitor holds the container's monitor lock. Otherwise true, with the lock now held by the
    /// caller, or null when there is no lock file (the bundle is gone, so no monitor can be running).
    /// </summary>
    private static bool TryTakeOverMonitorLock(ContainerPaths paths, out FileLock? monitorLock)
    {
        monitorLock = null;
        if (!File.Exists(paths.MonitorLock)) return true;
        try
        {
            monitorLock = FileLock.TryAcquire(paths.MonitorLock);
        }
        catch (LinuxIOException e) when (e.Errno == Errno.ENOENT)
        {
            return true;
        }
        return monitorLock is not null;
    }

    /// <summary>Whether a monitor holds the container's monitor lock right now.</summary>
    internal static bool MonitorAlive(ContainerPaths paths) => FileLock.IsHeld(paths.MonitorLock);

    private RuncRuntime? RuntimeFor(ContainerRecord record)
    {
        try
        {
            return new RuncRuntime(record.ResolveRuntime(), _layout.RuntimeStateRoot, ChildReaper.ForChildren());
        }
        catch (Oci.BerthException)
        {
            return null;
        }
    }
}
