using Berth.Engine.Networks;
using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Logs;
using Berth.Runtime.Monitor;
using Berth.Runtime.Oci;
using Berth.Runtime.Processes;

namespace Berth.Engine.Containers;

internal sealed partial class ContainerMonitor
{
    // One run of the container: returns its exit status, or null when it could not be started (reported already).
    private async Task<ExitStatus?> RunOnceAsync(Stream? sync, bool waitForAttach, CancellationToken ct)
    {
        // A previous run (or a crashed monitor) may have left the runtime's record behind.
        if (runtime.HasState(id))
            await runtime.DeleteAsync(id, force: true, ct).ConfigureAwait(false);

        await using var stdio = record.Tty
            ? (MonitorStdio)new TerminalStdio(paths.ConsoleSocket)
            : new PipeStdio(record.OpenStdin);
        // The attach socket listens already: a foreground client connects while the runtime creates the container,
        // and the container's output waits in its pipe or terminal until the pumps start.
        if (sync is not null) MonitorSync.Write(sync, MonitorSync.Created);
        ContainerNetwork? network;
        try
        {
            network = record.BridgeMode ? service.AllocateNetwork(id, paths, reaper) : null;
        }
        catch (BerthException e)
        {
            Fail(sync, ExitCodeOf(e), e.Message);
            return null;
        }
        await using var networkLease = network;
        using var preload = service.OpenSeccompPreload(paths);
        try
        {
            if (network is not null)
            {
                // A namespace of the monitor's making, wired before runc runs the container in it: runc can then
                // create and start in one step, and no process of the container runs before its network is up.
                NetworkNamespace.Release(paths.NetnsFile);
                NetworkNamespace.CreatePinned(paths.NetnsFile);
                await network.ConnectAsync(paths.NetnsFile, ct).ConfigureAwait(false);
            }
            // A first run's starter primed when the start began (the grace period is over before runc gets this far,
            // and runc's moves come well within the next one); a restart has no starter.
            if (sync is null) CgroupAttachPrimer.Prime();
            await stdio.LaunchAsync(runtime, id, paths.Bundle, paths.PidFile, preload?.Descriptors ?? [], ct).ConfigureAwait(false);
            if (preload is not null && await preload.WaitForCommandAsync("run", ct).ConfigureAwait(false) is { } failure)
            {
                // The step reported why the command could not run and exits; as after a failed runc start,
                // nothing of the container is left running and the runtime's record goes.
                await runtime.DeleteAsync(id, force: true, ct).ConfigureAwait(false);
                throw SeccompPreload.Failure(failure);
            }
        }
        catch (BerthException e)
        {
            Fail(sync, ExitCodeOf(e), e.Message);
            return null;
        }

        if (waitForAttach) await _attach!.WaitForFirstClientAsync(AttachPatience, ct).ConfigureAwait(false);
        var pumps = stdio.StartPumps(_log, _attach!);
        int pid;
        try
        {
            pid = int.Parse(File.ReadAllText(paths.PidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            await runtime.DeleteAsync(id, force: true, ct).ConfigureAwait(false);
            Fail(sync, 125, $"reading the container's pid: {e.Message}");
            return null;
        }

        service.UpdateState(id, s => s with
        {
            Status = ContainerStatus.Running,
            Pid = pid,
            MonitorPid = Environment.ProcessId,
            ExitCode = 0,
            Error = "",
            StartedAt = time.GetUtcNow(),
            FinishedAt = null,
            OomKilled = false,
        });
        if (sync is not null) MonitorSync.Write(sync, $"{MonitorSync.Started} {pid}");

        var exit = await reaper.WaitAsync(pid, ct).ConfigureAwait(false);
        // The runtime's delete removes the cgroup, so the OOM counter is read first. The delete may be a process of
        // its own and the longest step of the exit, so it starts before the output is drained.
        var oomKilled = OomProbe.WasKilled(ContainerService.CgroupsPathOf(id, record.CgroupParent));
        var deletion = runtime.DeleteExitedAsync(id, ct);
        // The pipes close when the last process holding them is gone (the pid namespace dies with its init), but a
        // descendant that escaped the namespace must not keep the monitor here forever.
        await Task.WhenAny(pumps, Task.Delay(OutputDrainPatience, ct)).ConfigureAwait(false);
        stdio.CloseOutput();
        // A --rm container never restarts: its runtime delete overlaps with releasing its network, recording the
        // exit and removing the container's files (its processes died with its pid namespace's init, so nothing
        // holds the rootfs or the network namespace), and the removal waits for it before the row goes. Otherwise
        // an exit on record means the runtime's state is gone, which stop, rm and restart rely on.
        if (record.AutoRemove) _runtimeDeletion = deletion;
        else await deletion.ConfigureAwait(false);
        if (network is not null)
        {
            NetworkNamespace.Release(paths.NetnsFile);
            await network.ReleaseAsync(ct, namespaceGone: true).ConfigureAwait(false);
        }
        if (oomKilled) service.UpdateState(id, s => s with { OomKilled = true });
        return exit;
    }
}
