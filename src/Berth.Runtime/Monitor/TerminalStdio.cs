using System.Runtime.InteropServices;
using Berth.Linux;
using Berth.Runtime.Attach;
using Berth.Runtime.Logs;
using Berth.Runtime.Oci;
using Berth.Runtime.Terminal;
using Microsoft.Win32.SafeHandles;

namespace Berth.Runtime.Monitor;

/// <summary>
/// A container with a terminal (<c>-t</c>): runc creates the pty and sends its master over a console socket;
/// the monitor reads the container's output from it (one stream, stdout), writes clients' input into it and
/// applies their window sizes to it.
/// </summary>
public sealed class TerminalStdio(string consoleSocketPath) : MonitorStdio
{
    private SafeFileHandle? _master;
    private PtyStream? _stream;
    private readonly CancellationTokenSource _stop = new();
    private Task _stdinPump = Task.CompletedTask;
    private AttachServer? _attach;

    public override async Task LaunchAsync(IOciRuntime runtime, string id, string bundle, string pidFile, IReadOnlyList<SafeHandle> passed, CancellationToken ct)
    {
        // runc connects from its own process: the alias names this process's pid, not "self".
        using var path = UnixSocketPath.For(consoleSocketPath);
        using var console = ConsoleSocket.Listen(path.Path);
        var received = console.ReceiveMasterAsync(ct);
        var created = runtime.RunDetachedAsync(id, bundle, RuntimeIo.Null with { Passed = passed }, console.Path, pidFile, ct);
        // runc connects while it creates; if that fails first, its error is the one to report.
        if (await Task.WhenAny(created, received).ConfigureAwait(false) == created) await created.ConfigureAwait(false);
        _master = await received.ConfigureAwait(false);
        await created.ConfigureAwait(false);
    }

    public override Task StartPumps(JsonFileLogWriter log, AttachServer attach)
    {
        _attach = attach;
        _stream = new PtyStream(_master!);
        attach.Resized += Resize;
        _stdinPump = FeedStdinAsync(attach, _stream, _stop.Token);
        return Task.Run(() => PumpAsync(_stream, LogStream.Stdout, log, attach));
    }

    public override void CloseOutput()
    {
        _stop.Cancel();
        if (_attach is not null) _attach.Resized -= Resize;
        _stream?.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        CloseOutput();
        await _stdinPump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        _master?.Dispose();
    }

    private void Resize(ushort rows, ushort columns)
    {
        if (_master is { IsClosed: false } master) WindowSize.Set(master, rows, columns);
    }

    private static async Task FeedStdinAsync(AttachServer attach, Stream pty, CancellationToken ct)
    {
        try
        {
            // A client closing its stdin is not an end of file for a terminal (the user types Ctrl-D for that).
            await foreach (var chunk in attach.Stdin.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (chunk.Length > 0) await pty.WriteAsync(chunk, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }
}
