using Berth.CommandLine;
using Berth.Engine.Containers;
using Microsoft.Win32.SafeHandles;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// The hidden <c>exec-pty-holder</c> command: holds the terminal master of a detached <c>exec -t</c> at fd 3
/// (see <see cref="TerminalHolder"/>), reading until the terminal's last process has closed it.
/// </summary>
internal static class TerminalHolderCommand
{
    public static CliCommand Create()
    {
        var command = new CliCommand(TerminalHolder.Command, "Hold the terminal of a detached exec (used by exec -d -t)")
        {
            Args = ArgRule.Exactly(0),
            Hidden = true,
        };
        command.SetHandler((_, _) =>
        {
            using var master = new FileStream(new SafeFileHandle(TerminalHolder.MasterFd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
            var buffer = new byte[16 * 1024];
            try
            {
                while (master.Read(buffer) > 0)
                {
                }
            }
            catch (IOException)
            {
                // EIO: every process of the terminal is gone.
            }
            return Task.FromResult(0);
        });
        return command;
    }
}
