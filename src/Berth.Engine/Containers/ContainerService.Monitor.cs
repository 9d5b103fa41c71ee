using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Oci;
using Berth.Runtime.Processes;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// The body of a monitor started ahead of its container (<see cref="PrepareMonitor"/>): waits for the start
    /// on <paramref name="assignment"/>, then runs as <see cref="RunMonitorAsync"/>. Returns 0 at once when the
    /// pipe closes without one (the create failed or the start was given up).
    /// </summary>
    public async Task<int> RunPreparedMonitorAsync(string id, Stream assignment, Stream sync, CancellationToken ct)
    {
        // Read on this thread, which has nothing else to do: an asynchronous read would start a pool thread to
        // block in read(2), and the start would wait for that thread to be woken and scheduled. The starter
        // closing the pipe (or dying) ends the wait.
        string? line;
        using (var reader = new StreamReader(assignment))
            line = reader.ReadLine();
        if (MonitorAssignment.Parse(line) is not { } waitForAttach)
        {
            File.Delete(PendingMonitorLog(id));
            return 0;
        }
        return await RunMonitorAsync(id, waitForAttach, sync, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The body of a container's monitor process (the hidden <c>container-monitor</c> command): takes the
    /// container's monitor lock for life, becomes the subreaper of the container's processes, runs the container
    /// (again, as its restart policy says), and finally releases the rootfs and applies <c>--rm</c>. Progress goes
    /// to the starter through <paramref name="sync"/>. Returns the monitor's own exit code.
    /// </summary>
    public async Task<int> RunMonitorAsync(string id, bool waitForAttach, Stream sync, CancellationToken ct)
    {
        var paths = PathsOf(id);
        using var monitorLock = FileLock.Acquire(paths.MonitorLock);
        var container = _metadata.Read(t => _containers.ById(t, id));
        if (container is null)
        {
            MonitorSync.Write(sync, $"{MonitorSync.Failed} 125 No such container: {id}");
            return 1;
        }
        var record = MonitorRecordFields.Of(container);
        using var reaper = ChildReaper.BecomeSubreaper();
        var runtime = new RuncRuntime(record.ResolveRuntime(), _layout.RuntimeStateRoot, reaper);
        var monitor = new ContainerMonitor(this, id, record, paths, runtime, reaper, _time);
        try
        {
            return await monitor.RunAsync(waitForAttach, sync, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BerthException or IOException or UnauthorizedAccessException)
        {
            // The starter is told (if it still listens) before the cleanup below removes the monitor's log.
            MonitorSync.Write(sync, $"{MonitorSync.Failed} 125 {e.Message}");
            throw;
        }
        finally
        {
            // The layer's files are deleted beside the rest of the removal, and gone before anyone is told.
            if (record.AutoRemove) await RemoveStopped(id, removeVolumes: true, monitor.RuntimeDeletion).ConfigureAwait(false);
            else ReleaseBundle(paths);
            // End of file tells a starter still reading that the cleanup is done; it need not wait for the attach
            // clients to leave (a foreground run that failed is one of them).
            sync.Dispose();
            await monitor.AnnounceExitAsync().ConfigureAwait(false);
            await monitor.DisposeAsync().ConfigureAwait(false);
        }
    }
}
