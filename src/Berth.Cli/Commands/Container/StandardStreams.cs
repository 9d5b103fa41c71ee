using Microsoft.Win32.SafeHandles;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// This process's stdin as plain bytes. Console.OpenStandardInput on a terminal reads through .NET's own line
/// editor (echo, canonical lines), which would eat the raw keystrokes a container's terminal needs — detach
/// keys, Ctrl-C, arrow keys — so the descriptor is read directly.
/// </summary>
internal static class StandardStreams
{
    public static Stream OpenInput() => new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0);
}
