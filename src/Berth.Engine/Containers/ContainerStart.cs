using Berth.Oci;

namespace Berth.Engine.Containers;

/// <summary>
/// A start in progress, as <see cref="ContainerService.StartAsync"/> returns it: where to attach, and the
/// outcome once the monitor reports it. A container that fails to start reports the runtime's message with
/// Docker's exit code (126 cannot invoke, 127 not found, else 125).
/// </summary>
public sealed class ContainerStart : IDisposable
{
    private readonly MonitorLaunch? _launch;
    private int? _pid;

    internal ContainerStart(string id, string attachSocket, MonitorLaunch? launch)
    {
        Id = id;
        AttachSocket = attachSocket;
        _launch = launch;
    }

    public string Id { get; }

    /// <summary>The monitor's attach socket (<c>berth attach</c> and foreground runs connect here).</summary>
    public string AttachSocket { get; }

    /// <summary>True when the container was running before this start (nothing was started).</summary>
    public bool WasRunning => _launch is null;

    internal static ContainerStart AlreadyRunning(string id, string attachSocket) => new(id, attachSocket, null);

    internal void WaitCreated(bool waitForAttach, CancellationToken ct)
    {
        if (_launch is null) return;
        if (waitForAttach) Check(_launch.Sync.Read(MonitorSync.Created, ct));
        else WaitStarted(ct);
    }

    /// <summary>
    /// The container's host pid once it runs; throws with the runtime's error when it could not start. Waits on
    /// the calling thread (see <see cref="MonitorSync"/>).
    /// </summary>
    public int WaitStarted(CancellationToken ct)
    {
        if (_launch is null || _pid is { } known) return _pid ?? 0;
        var message = _launch.Sync.Read(MonitorSync.Started, ct);
        Check(message);
        _pid = message.Number;
        return message.Number;
    }

    private static void Check(MonitorMessage message)
    {
        if (message.IsFailure)
            throw new BerthException(ErrorKind.Unavailable, message.Error) { ExitCode = message.Number };
    }

    public void Dispose() => _launch?.Dispose();
}
