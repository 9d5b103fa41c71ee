using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// read(2), write(2) and poll(2) on raw descriptors that .NET streams handle badly: a pty master reports the
/// closed slave side as EIO, which FileStream turns into an exception indistinguishable from a real failure.
/// </summary>
public static unsafe class DescriptorIO
{
    /// <summary>The errno a pty master's read returns once every slave descriptor is closed.</summary>
    public const int EIO = 5;

    /// <summary>read(2), retried on EINTR. Returns 0 at end of file.</summary>
    public static int Read(SafeHandle fd, Span<byte> buffer)
    {
        using var lease = new DescriptorLease(fd);
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = Libc.Read(lease.Fd, p, (nuint)buffer.Length);
                if (n >= 0) return (int)n;
                var e = LinuxIOException.FromLastError("read", null);
                if (e.Errno != Errno.EINTR) throw e;
            }
        }
    }

    /// <summary>write(2) of the whole buffer, retried on EINTR and short writes.</summary>
    public static void Write(SafeHandle fd, ReadOnlySpan<byte> buffer)
    {
        using var lease = new DescriptorLease(fd);
        fixed (byte* start = buffer)
        {
            var done = 0;
            while (done < buffer.Length)
            {
                var n = Libc.Write(lease.Fd, start + done, (nuint)(buffer.Length - done));
                if (n >= 0)
                {
                    done += (int)n;
                    continue;
                }

                var e = LinuxIOException.FromLastError("write", null);
                if (e.Errno != Errno.EINTR) throw e;
            }
        }
    }

    /// <summary>Whether a read of <paramref name="fd"/> would return at once: data, end of file, or an error waits.</summary>
    public static bool IsReadable(SafeHandle fd)
    {
        using var lease = new DescriptorLease(fd);
        var poll = new Libc.PollFd { Fd = lease.Fd, Events = Libc.PollIn };
        Poll(&poll, 1, 0);
        return poll.Revents != 0;
    }

    /// <summary>
    /// poll(2) for input on two descriptors (data and a wake-up pipe) for at most <paramref name="timeoutMilliseconds"/>
    /// (-1 waits forever). Returns which are ready; hang-up and error count as ready, so the next read reports them.
    /// </summary>
    public static (bool First, bool Second) PollReadable(SafeHandle first, SafeHandle second, int timeoutMilliseconds)
    {
        using var a = new DescriptorLease(first);
        using var b = new DescriptorLease(second);
        Libc.PollFd* fds = stackalloc Libc.PollFd[2];
        fds[0] = new Libc.PollFd { Fd = a.Fd, Events = Libc.PollIn };
        fds[1] = new Libc.PollFd { Fd = b.Fd, Events = Libc.PollIn };
        Poll(fds, 2, timeoutMilliseconds);
        return (fds[0].Revents != 0, fds[1].Revents != 0);
    }

    /// <summary>poll(2), retried on EINTR (with the full timeout again: the callers wait for input, not for a deadline).</summary>
    private static void Poll(Libc.PollFd* fds, nuint count, int timeoutMilliseconds)
    {
        while (Libc.Poll(fds, count, timeoutMilliseconds) < 0)
        {
            var e = LinuxIOException.FromLastError("poll", null);
            if (e.Errno != Errno.EINTR) throw e;
        }
    }
}
