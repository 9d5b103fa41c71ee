using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Attach;
using Berth.Runtime.Logs;
using Berth.Runtime.Oci;
using Berth.Runtime.Processes;

namespace Berth.Engine.Containers;

/// <summary>
/// One container's life inside its monitor process: create it through the OCI runtime with the monitor holding
/// its stdio, start it, copy its output into the json-file log and to attached clients, wait for its init to exit,
/// record the exit, and run it again while the restart policy says so.
/// </summary>
internal sealed partial class ContainerMonitor(
    ContainerService service,
    string id,
    MonitorRecordFields record,
    ContainerPaths paths,
    IOciRuntime runtime,
    ChildReaper reaper,
    TimeProvider time)
    : IAsyncDisposable
{
    private static readonly TimeSpan AttachPatience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan OutputDrainPatience = TimeSpan.FromSeconds(2);
    private readonly JsonFileLogWriter _log = new(paths.LogFile, time, JsonFileLogOptions.FromLogOpts(record.LogOptions));
    // The bundle path can exceed a socket address's 108 bytes; the alias keeps its directory open while we listen.
    private readonly UnixSocketPath _attachPath = UnixSocketPath.For(paths.AttachSocket);
    private AttachServer? _attach;
    private int _lastExitCode;
    private Task _runtimeDeletion = Task.CompletedTask;

    /// <summary>The runtime's delete of a --rm container's last run, which may still be under way.</summary>
    public Task RuntimeDeletion => _runtimeDeletion;

    public async Task<int> RunAsync(bool waitForAttach, Stream sync, CancellationToken ct)
    {
        _attach = new AttachServer(_attachPath.Path, record.Tty);
        _attach.Start();
        var first = true;
        for (var restarts = 0; ; restarts++)
        {
            var outcome = await RunOnceAsync(first ? sync : null, first && waitForAttach, ct).ConfigureAwait(false);
            first = false;
            if (outcome is null) return 1;
            _lastExitCode = outcome.Value.DockerExitCode;
            var state = service.UpdateState(id, s => s with
            {
                Status = ContainerStatus.Exited,
                Pid = 0,
                MonitorPid = 0,
                ExitCode = _lastExitCode,
                FinishedAt = time.GetUtcNow(),
            });
            if (!RestartPolicies.ShouldRestart(record.RestartPolicy, _lastExitCode, state.RestartCount, state.ManuallyStopped))
                return 0;
            service.UpdateState(id, s => s with { Status = ContainerStatus.Restarting, RestartCount = s.RestartCount + 1 });
            await Task.Delay(RestartDelay(restarts, state), time, ct).ConfigureAwait(false);
            if (service.UpdateState(id, s => s).ManuallyStopped)
            {
                service.UpdateState(id, s => s with { Status = ContainerStatus.Exited });
                return 0;
            }
        }
    }

    /// <summary>Tells attached clients the final exit code and closes the attach socket.</summary>
    public async Task AnnounceExitAsync()
    {
        if (_attach is not null) await _attach.AnnounceExitAsync(_lastExitCode).ConfigureAwait(false);
    }

    // Docker doubles the delay from 100 ms on each restart and starts over once a run lasted 10 s.
    private TimeSpan RestartDelay(int restarts, ContainerState state)
    {
        var ranLong = state.StartedAt is { } started && state.FinishedAt is { } finished && finished - started > TimeSpan.FromSeconds(10);
        if (ranLong) return TimeSpan.FromMilliseconds(100);
        return TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, Math.Min(restarts, 10)), 60_000));
    }

    public async ValueTask DisposeAsync()
    {
        if (_attach is not null) await _attach.DisposeAsync().ConfigureAwait(false);
        _attachPath.Dispose();
        _log.Dispose();
    }

    private void Fail(Stream? sync, int exitCode, string message)
    {
        service.UpdateState(id, s => s with
        {
            Status = s.StartedAt is null ? ContainerStatus.Created : ContainerStatus.Exited,
            Pid = 0,
            MonitorPid = 0,
            ExitCode = exitCode,
            Error = message,
        });
        _lastExitCode = exitCode;
        if (sync is not null) MonitorSync.Write(sync, $"{MonitorSync.Failed} {exitCode} {message}");
    }

    private static int ExitCodeOf(BerthException e) => e.ExitCode ?? RuntimeErrorClassifier.ExitCodeFor(e.Message);
}
