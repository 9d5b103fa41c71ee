using System.Runtime.InteropServices;
using Berth.Engine;
using Berth.Linux;
using Berth.Engine.Containers;
using Berth.Runtime.Attach;
using Berth.Runtime.Options;
using Berth.Runtime.Terminal;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// A container run in the foreground (<c>run</c> without <c>-d</c>, <c>start -a</c>) or attached to later
/// (<c>attach</c>): a run attaches to the monitor before the container starts, so no output is lost; the session
/// puts a terminal in raw mode and forwards its size for <c>-t</c>; forwards this process's signals for
/// <c>--sig-proxy</c>; and ends with the container's exit code, or 0 after the detach keys.
/// </summary>
internal static class ForegroundRun
{
    private static readonly PosixSignal[] ProxiedSignals = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT];

    public static async Task<int> RunAsync(BerthEngine engine, string id, CommandLine.CliContext context, ForegroundOptions options, CancellationToken ct)
    {
        var config = (await engine.Containers.InspectAsync(id, size: false, ct)).Config;
        var attachStdin = options.Stdin ?? config.AttachStdin;
        (ushort, ushort)? consoleSize = config.Tty && TerminalMode.IsTerminal(1) && WindowSize.Get(1) is { Rows: > 0 } size ? (size.Rows, size.Columns) : null;
        using var start = await engine.Containers.StartAsync(id, new StartOptions { WaitForAttach = true, ConsoleSize = consoleSize, Monitor = options.Monitor }, ct);
        using var socket = UnixSocketPath.For(start.AttachSocket);
        AttachClient client;
        try
        {
            client = await AttachClient.ConnectAsync(socket.Path, new AttachRequest
            {
                Stdin = attachStdin,
                Stdout = config.AttachStdout || options.Stdin is not null,
                Stderr = config.AttachStderr || options.Stdin is not null,
                Tty = config.Tty,
            }, ct);
        }
        catch (Oci.BerthException)
        {
            // The monitor listens while the runtime creates the container; a failed create closes the socket, and
            // the runtime's error (with its exit code) is the one to report.
            start.WaitStarted(ct);
            throw;
        }
        await using var attached = client;
        start.WaitStarted(ct);
        return await SessionAsync(engine, id, client, context, options, ct);
    }

    /// <summary>
    /// Runs an attached session to its end (<c>run</c>, <c>start -a</c> and <c>attach</c>): raw terminal and size
    /// forwarding with a tty, signal proxying without one. Returns the container's exit code when it exits while
    /// attached, 0 after the detach keys, and otherwise waits for the container to tell its exit code.
    /// </summary>
    public static async Task<int> SessionAsync(BerthEngine engine, string id, AttachClient client, CommandLine.CliContext context, ForegroundOptions options, CancellationToken ct)
    {
        var tty = client.Request.Tty;
        var attachStdin = client.Request.Stdin;
        context.Out.Flush();
        using var raw = tty && attachStdin && TerminalMode.IsTerminal(0) ? TerminalMode.MakeRaw(0) : null;
        using var resize = tty ? WatchWindowSize(client) : null;
        var registrations = options.ProxySignals && !tty ? ProxySignals(engine, id) : [];
        try
        {
            var detachKeys = options.DetachKeys.Length > 0 ? DetachKeys.Parse(options.DetachKeys) : null;
            using var stdin = attachStdin ? StandardStreams.OpenInput() : null;
            using var stdout = Console.OpenStandardOutput();
            using var stderr = Console.OpenStandardError();
            // Ctrl-C belongs to the container here (as a byte through the tty, or proxied as SIGINT), so the
            // attachment ends with the container, not with this process's cancellation.
            var outcome = await client.RunAsync(stdin, stdout, stderr, detachKeys, CancellationToken.None);
            return outcome.Kind switch
            {
                AttachOutcomeKind.Exited => outcome.ExitCode,
                AttachOutcomeKind.Detached => 0,
                _ => await engine.Containers.WaitAsync(id, ct),
            };
        }
        finally
        {
            foreach (var registration in registrations) registration.Dispose();
        }
    }

    private static IDisposable? WatchWindowSize(AttachClient client)
    {
        if (!TerminalMode.IsTerminal(1)) return null;
        void Send()
        {
            var size = WindowSize.Get(1);
            if (size.Rows > 0) client.ResizeAsync(size.Rows, size.Columns, CancellationToken.None).AsTask().Wait();
        }
        Send();
        return PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => Send());
    }

    private static List<PosixSignalRegistration> ProxySignals(BerthEngine engine, string id) =>
        ProxiedSignals.Select(signal => PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            var name = signal.ToString();
            _ = Task.Run(async () =>
            {
                try
                {
                    await engine.Containers.KillAsync(id, name, CancellationToken.None);
                }
                catch (Oci.BerthException)
                {
                    // The container is already gone: nothing to forward to.
                }
            });
        })).ToList();
}
