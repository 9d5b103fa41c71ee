using Berth.Linux;

namespace Berth.Runtime.Terminal;

/// <summary>
/// Puts a terminal in raw mode (cfmakeraw) so keystrokes pass through unchanged to a container's own pty, and
/// restores the saved attributes on dispose, as <c>docker run -it</c> does with the user's terminal.
/// </summary>
public sealed class TerminalMode : IDisposable
{
    private readonly int _fd;
    private readonly byte[] _saved;
    private bool _restored;

    private TerminalMode(int fd, byte[] saved)
    {
        _fd = fd;
        _saved = saved;
    }

    /// <summary>isatty(3): whether <paramref name="fd"/> is a terminal.</summary>
    public static bool IsTerminal(int fd) => Terminals.IsTerminal(fd);

    /// <summary>Switches <paramref name="fd"/> to raw mode; dispose the result to restore it.</summary>
    public static TerminalMode MakeRaw(int fd)
    {
        var saved = Terminals.GetAttributes(fd);
        Terminals.SetAttributes(fd, Terminals.MakeRaw(saved));
        return new TerminalMode(fd, saved);
    }

    public void Dispose()
    {
        if (_restored) return;
        _restored = true;
        Terminals.SetAttributes(_fd, _saved);
    }
}
