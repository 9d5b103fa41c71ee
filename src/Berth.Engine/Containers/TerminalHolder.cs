using Berth.Runtime.Processes;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Containers;

/// <summary>
/// Keeps the terminal of a detached <c>exec -t</c> open: a process of its own (this binary's hidden
/// <c>exec-pty-holder</c> command) that gets the master as fd 3, reads and drops what the process writes, and
/// exits when the terminal's last process is gone. Closing the master would hang the process up at once.
/// </summary>
public static class TerminalHolder
{
    public const string Command = "exec-pty-holder";
    public const int MasterFd = 3;

    internal static void Start(string executable, SafeFileHandle master) =>
        ChildProcess.Spawn(new SpawnOptions
        {
            Path = executable,
            Args = [Command],
            ExtraFds = [master],
            NewSession = true,
        });
}
