using System.Runtime.InteropServices;
using Berth.Linux;

namespace Berth.Runtime.Terminal;

/// <summary>A terminal's size in character cells (struct winsize without the unused pixel fields).</summary>
public readonly record struct WindowSize(ushort Rows, ushort Columns)
{
    /// <summary>The size of the terminal on <paramref name="fd"/> (TIOCGWINSZ).</summary>
    public static WindowSize Get(int fd)
    {
        var (rows, columns) = Terminals.GetWindowSize(fd);
        return new WindowSize(rows, columns);
    }

    /// <summary>Resizes the terminal (TIOCSWINSZ on a pty master); the container's foreground group gets SIGWINCH.</summary>
    public static void Set(SafeHandle fd, ushort rows, ushort columns) => Terminals.SetWindowSize(fd, rows, columns);
}
