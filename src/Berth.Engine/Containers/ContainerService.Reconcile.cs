using Berth.Linux;
using Berth.Runtime.Oci;
using Berth.Runtime.Processes;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>The cgroup a container's processes run in (cgroupfs path, the same under v1 and v2).</summary>
    internal static string CgroupsPathOf(string id) => "/berth/" + id;

    /// <summary>
    /// Makes a row tell the truth. A row that says running, paused or restarting is believed while its monitor
    /// holds the monitor lock. When the monitor is gone (killed, crashed), the runtime is asked: a container still
    /// running stays "running" without a monitor; one that is gone is recorded as exited (255, the code Docker
    /// gives when it lost track of a container) and its runtime state and rootfs mount are released.
    /// </summary>
    internal StoredContainer Reconcile(StoredContainer stored)
    {
        var status = stored.State.Status;
        if (status is not (ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting)) return stored;
        var paths = PathsOf(stored.Id);
        if (MonitorAlive(paths)) return stored;

        var runtime = RuntimeFor(stored.Record);
        var actual = runtime?.StateAsync(stored.Id, CancellationToken.None).GetAwaiter().GetResult();
        ContainerState next;
        if (actual is { Status: RuntimeStatus.Running or RuntimeStatus.Paused })
        {
            next = stored.State with { Status = actual.Status == RuntimeStatus.Paused ? ContainerStatus.Paused : ContainerStatus.Running, Pid = actual.Pid, MonitorPid = 0 };
        }
        else
        {
            if (actual is not null) runtime!.DeleteAsync(stored.Id, force: true, CancellationToken.None).GetAwaiter().GetResult();
            ReleaseBundle(paths);
            _networks.ReleaseContainerAsync(stored.Id, CancellationToken.None).GetAwaiter().GetResult();
            next = stored.State with
            {
                Status = ContainerStatus.Exited,
                Pid = 0,
                MonitorPid = 0,
                ExitCode = 255,
                FinishedAt = stored.State.FinishedAt ?? _time.GetUtcNow(),
            };
        }
        if (next == stored.State) return stored;
        _metadata.Write(t => _containers.SetState(t, stored.Id, next));
        return stored with { State = next };
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
