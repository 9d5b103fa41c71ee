using System.Runtime.InteropServices;
using Berth.Runtime.Terminal;
using Microsoft.Win32.SafeHandles;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// Copies between this process's terminal and a pty master (<c>exec -t</c>): the local terminal in raw mode, its
/// size applied to the pty now and on every SIGWINCH, input forwarded only with <c>-i</c>.
/// </summary>
internal static class TerminalProxy
{
    public static async Task RunAsync(SafeFileHandle master, bool forwardInput, CancellationToken ct)
    {
        using var raw = forwardInput && TerminalMode.IsTerminal(0) ? TerminalMode.MakeRaw(0) : null;
        void Resize()
        {
            if (!TerminalMode.IsTerminal(1)) return;
            var size = WindowSize.Get(1);
            if (size.Rows > 0) WindowSize.Set(master, size.Rows, size.Columns);
        }
        Resize();
        using var winch = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => Resize());
        await using var pty = new PtyStream(master);
        await using var stdout = Console.OpenStandardOutput();
        var input = forwardInput ? Task.Run(async () =>
        {
            await using var stdin = StandardStreams.OpenInput();
            try
            {
                await stdin.CopyToAsync(pty, ct);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }, CancellationToken.None) : Task.CompletedTask;
        try
        {
            await pty.CopyToAsync(stdout, ct);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
        await stdout.FlushAsync(CancellationToken.None);
    }
}
