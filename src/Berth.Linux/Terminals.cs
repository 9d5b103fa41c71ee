using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// termios(3) and the window-size ioctls. Terminal attributes travel as an opaque byte array that only glibc
/// reads, so its per-architecture layout never appears in Berth.
/// </summary>
public static unsafe class Terminals
{
    /// <summary>isatty(3).</summary>
    public static bool IsTerminal(int fd) => Libc.IsATty(fd) == 1;

    /// <summary>tcgetattr: the terminal's current attributes.</summary>
    public static byte[] GetAttributes(int fd)
    {
        var attributes = new byte[Libc.TermiosBytes];
        fixed (byte* p = attributes)
        {
            if (Libc.TcGetAttr(fd, p) != 0) throw LinuxIOException.FromLastError("tcgetattr", null);
        }

        return attributes;
    }

    /// <summary>tcsetattr with TCSANOW.</summary>
    public static void SetAttributes(int fd, byte[] attributes)
    {
        if (attributes.Length != Libc.TermiosBytes) throw new ArgumentException("not a terminal attribute buffer", nameof(attributes));
        fixed (byte* p = attributes)
        {
            if (Libc.TcSetAttr(fd, Libc.TcsaNow, p) != 0) throw LinuxIOException.FromLastError("tcsetattr", null);
        }
    }

    /// <summary>cfmakeraw on a copy: no echo, no line editing, no signal keys, no output processing.</summary>
    public static byte[] MakeRaw(byte[] attributes)
    {
        var raw = (byte[])attributes.Clone();
        fixed (byte* p = raw) Libc.CfMakeRaw(p);
        return raw;
    }

    /// <summary>TIOCGWINSZ: rows and columns.</summary>
    public static (ushort Rows, ushort Columns) GetWindowSize(int fd)
    {
        ushort* size = stackalloc ushort[4];
        if (Libc.Ioctl(fd, Libc.TiocGWinSz, size) != 0) throw LinuxIOException.FromLastError("ioctl TIOCGWINSZ", null);
        return (size[0], size[1]);
    }

    /// <summary>TIOCSWINSZ: sets rows and columns; the kernel sends SIGWINCH to the terminal's foreground group.</summary>
    public static void SetWindowSize(SafeHandle fd, ushort rows, ushort columns)
    {
        ushort* size = stackalloc ushort[4];
        size[0] = rows;
        size[1] = columns;
        using var lease = new DescriptorLease(fd);
        if (Libc.Ioctl(lease.Fd, Libc.TiocSWinSz, size) != 0) throw LinuxIOException.FromLastError("ioctl TIOCSWINSZ", null);
    }
}
