using Berth.Oci;
using Berth.Runtime.Oci;
using Berth.Runtime.Options;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private const int DefaultStopTimeoutSeconds = 10;

    /// <summary>
    /// <c>berth stop</c>: the container's stop signal, then SIGKILL after the timeout (its StopTimeout, else 10 s;
    /// -1 waits forever). The restart policy leaves a stopped container down. Stopping a stopped one does nothing.
    /// </summary>
    public async Task StopAsync(string input, int? timeoutSeconds, string? signal, CancellationToken ct)
    {
        var container = Get(input);
        if (container.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting)) return;
        UpdateState(container.Id, s => s with { ManuallyStopped = true });
        var stopSignal = SignalNames.Parse(signal ?? container.Record.Config.StopSignal ?? "SIGTERM");
        var timeout = timeoutSeconds ?? container.Record.Config.StopTimeout ?? DefaultStopTimeoutSeconds;
        if (container.State.Status != ContainerStatus.Restarting)
            await SignalAsync(container, stopSignal, ct).ConfigureAwait(false);
        if (await WaitForStopAsync(container.Id, timeout < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(timeout), ct).ConfigureAwait(false))
            return;
        await SignalAsync(Get(container.Id), SignalNames.Parse("SIGKILL"), ct).ConfigureAwait(false);
        if (!await WaitForStopAsync(container.Id, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false))
            throw new BerthException(ErrorKind.Unavailable, $"container {container.Id} did not stop after SIGKILL");
    }

    /// <summary><c>berth kill</c>: one signal (SIGKILL by default); the container must be running.</summary>
    public async Task KillAsync(string input, string? signal, CancellationToken ct)
    {
        var container = Get(input);
        var number = SignalNames.Parse(signal is { Length: > 0 } ? signal : "SIGKILL");
        if (container.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused))
            throw BerthException.Conflict($"cannot kill container: {input}: container {container.Id} is not running");
        // Docker treats the stop signal and SIGKILL as a request to stay down (its ExitOnNext).
        var stopSignal = SignalNames.Parse(container.Record.Config.StopSignal ?? "SIGTERM");
        if (number == stopSignal || number == 9) UpdateState(container.Id, s => s with { ManuallyStopped = true });
        await SignalAsync(container, number, ct).ConfigureAwait(false);
        if (number == 9) await WaitForStopAsync(container.Id, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
    }

    /// <summary><c>berth restart</c>: stop (as <see cref="StopAsync"/>), then start again.</summary>
    public async Task RestartAsync(string input, int? timeoutSeconds, string? signal, CancellationToken ct)
    {
        var container = Get(input);
        await StopAsync(container.Id, timeoutSeconds, signal, ct).ConfigureAwait(false);
        UpdateState(container.Id, s => s with { ManuallyStopped = false });
        using var start = await StartAsync(container.Id, new StartOptions(), ct).ConfigureAwait(false);
    }

    public async Task PauseAsync(string input, CancellationToken ct)
    {
        var container = Get(input);
        if (container.State.Status == ContainerStatus.Paused) throw BerthException.Conflict($"container {container.Id} is already paused");
        if (container.State.Status != ContainerStatus.Running) throw BerthException.Conflict($"container {container.Id} is not running");
        await RuntimeOf(container).PauseAsync(container.Id, ct).ConfigureAwait(false);
        UpdateState(container.Id, s => s with { Status = ContainerStatus.Paused });
    }

    public async Task UnpauseAsync(string input, CancellationToken ct)
    {
        var container = Get(input);
        if (container.State.Status != ContainerStatus.Paused) throw BerthException.Conflict($"container {container.Id} is not paused");
        await RuntimeOf(container).ResumeAsync(container.Id, ct).ConfigureAwait(false);
        UpdateState(container.Id, s => s with { Status = ContainerStatus.Running });
    }

    private async Task SignalAsync(StoredContainer container, int signal, CancellationToken ct)
    {
        var runtime = RuntimeOf(container);
        try
        {
            await runtime.KillAsync(container.Id, signal, all: false, ct).ConfigureAwait(false);
            // A frozen process takes its signal only once thawed.
            if (container.State.Status == ContainerStatus.Paused)
            {
                await runtime.ResumeAsync(container.Id, ct).ConfigureAwait(false);
                UpdateState(container.Id, s => s.Status == ContainerStatus.Paused ? s with { Status = ContainerStatus.Running } : s);
            }
        }
        catch (BerthException)
        {
            // It may have exited between our look and the signal: that is what the caller wanted.
            if (await runtime.StateAsync(container.Id, ct).ConfigureAwait(false) is { Status: RuntimeStatus.Running or RuntimeStatus.Paused }) throw;
        }
    }

    /// <summary>
    /// Waits until the container is down: its monitor gone (the monitor records the exit before it goes) or, for
    /// a container whose monitor died, the runtime no longer running it. False on timeout.
    /// </summary>
    private async Task<bool> WaitForStopAsync(string id, TimeSpan timeout, CancellationToken ct)
    {
        var paths = PathsOf(id);
        var deadline = timeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        var delay = 5;
        while (MonitorAlive(paths) || Get(id).State.Status is ContainerStatus.Running or ContainerStatus.Paused)
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(delay, ct).ConfigureAwait(false);
            delay = Math.Min(delay * 2, 50);
        }
        return true;
    }

    private RuncRuntime RuntimeOf(StoredContainer container) =>
        RuntimeFor(container.Record) ?? throw BerthException.NotFound($"unknown or invalid runtime name: {container.Record.HostConfig.Runtime}");
}
