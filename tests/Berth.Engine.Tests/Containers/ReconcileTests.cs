using System.Formats.Tar;
using Berth.Engine.Containers;
using Berth.Engine.Models;
using Berth.Engine.Tests.Support;
using Berth.Images;
using Berth.Linux;

namespace Berth.Engine.Tests.Containers;

/// <summary>
/// Reconciling a row that says running against a monitor that is gone: the decision must rest on the row as it
/// is when the monitor lock is found free, not on a copy read before the monitor recorded the exit.
/// </summary>
public sealed class ReconcileTests : IDisposable
{
    private readonly TempDirectory _root = new("berth-root-");
    private readonly TempDirectory _runRoot = new("berth-run-");
    private readonly BerthEngine _engine;

    public ReconcileTests()
    {
        _engine = BerthEngine.Open(new EngineOptions { Root = _root.Path, RunRoot = _runRoot.Path });
    }

    public void Dispose()
    {
        _engine.Dispose();
        _runRoot.Dispose();
        _root.Dispose();
    }

    [RootFact]
    public async Task A_row_read_before_the_monitor_recorded_the_exit_keeps_that_exit()
    {
        var id = await CreateAsync();
        var readEarlier = AsRunning(_engine.Containers.Get(id));
        // The monitor records the container's own exit and goes, releasing its lock.
        _engine.Containers.UpdateState(id, s => s with { Status = ContainerStatus.Exited, ExitCode = 137, Pid = 0 });

        var reconciled = _engine.Containers.Reconcile(readEarlier);

        Assert.Equal(ContainerStatus.Exited, reconciled.State.Status);
        Assert.Equal(137, reconciled.State.ExitCode);
        Assert.Equal(137, _engine.Containers.Get(id).State.ExitCode);
    }

    [RootFact]
    public async Task A_running_row_is_believed_while_its_monitor_holds_the_lock()
    {
        var id = await CreateAsync();
        _engine.Containers.UpdateState(id, s => s with { Status = ContainerStatus.Running, Pid = 1 });
        var paths = _engine.Containers.PathsOf(id);
        Directory.CreateDirectory(paths.Bundle);
        using (FileLock.Acquire(paths.MonitorLock))
            Assert.Equal(ContainerStatus.Running, _engine.Containers.Get(id).State.Status);
    }

    [RootFact]
    public async Task A_running_row_whose_monitor_and_container_are_gone_is_recorded_as_lost()
    {
        var id = await CreateAsync();
        _engine.Containers.UpdateState(id, s => s with { Status = ContainerStatus.Running, Pid = 1 });
        var paths = _engine.Containers.PathsOf(id);
        Directory.CreateDirectory(paths.Bundle);
        // A monitor that died leaves its lock file behind, held by nobody.
        FileLock.Acquire(paths.MonitorLock).Dispose();

        var state = _engine.Containers.Get(id).State;

        Assert.Equal((ContainerStatus.Exited, 255), (state.Status, state.ExitCode));
    }

    private async Task<string> CreateAsync()
    {
        var ct = CancellationToken.None;
        await _engine.Images.ImportAsync(RootfsTar(), new ImportOptions(), "reconcile:test", ct);
        var created = await _engine.Containers.CreateAsync(new ContainerCreateRequest
        {
            Config = new DockerContainerConfig { Image = "reconcile:test", Cmd = ["/bin/true"] },
            HostConfig = new HostConfig { NetworkMode = "none" },
        }, ct);
        return created.Id;
    }

    private static StoredContainer AsRunning(StoredContainer stored) =>
        stored with { State = stored.State with { Status = ContainerStatus.Running, Pid = 1, StartedAt = DateTimeOffset.UtcNow } };

    private static MemoryStream RootfsTar()
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "bin/") { Mode = (UnixFileMode)0b111_101_101 });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/true")
            {
                Mode = (UnixFileMode)0b111_101_101,
                DataStream = new MemoryStream("#!/bin/sh\n"u8.ToArray()),
            });
        }
        stream.Position = 0;
        return stream;
    }
}
