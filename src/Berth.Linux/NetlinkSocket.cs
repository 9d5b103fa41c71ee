using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>
/// A netlink(7) socket talking to the kernel: datagrams of whole messages out, whole messages back. It lives in
/// the network namespace of the thread that created it, whatever thread uses it later, so a socket for another
/// namespace is made by <see cref="OpenIn"/> on a thread that joins it briefly.
/// </summary>
public sealed unsafe class NetlinkSocket : IDisposable
{
    /// <summary>NETLINK_ROUTE: links, addresses and routes (rtnetlink(7)).</summary>
    public const int Route = 0;

    // Acks carry only the failed request's header, not its payload; errors may carry the kernel's text.
    private const int CapAck = 10, ExtAck = 11;

    private readonly SafeFileHandle _handle;

    private NetlinkSocket(SafeFileHandle handle) => _handle = handle;

    /// <summary>Opens a socket of <paramref name="protocol"/> in the calling thread's network namespace.</summary>
    public static NetlinkSocket Open(int protocol)
    {
        var fd = Libc.Socket(Libc.AfNetlink, Libc.SockRaw | Libc.SockCloexec, protocol);
        if (fd < 0) throw LinuxIOException.FromLastError("socket", "netlink");
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var on = 1;
        // Both are optional refinements (Linux 4.3 and 4.12); a kernel without them still acks plainly.
        Libc.SetSockOpt(fd, Libc.SolNetlink, CapAck, &on, sizeof(int));
        Libc.SetSockOpt(fd, Libc.SolNetlink, ExtAck, &on, sizeof(int));
        return new NetlinkSocket(handle);
    }

    /// <summary>Opens a socket of <paramref name="protocol"/> in the network namespace at <paramref name="namespacePath"/>.</summary>
    public static NetlinkSocket OpenIn(string namespacePath, int protocol) =>
        NetworkNamespace.RunIn(namespacePath, () => Open(protocol));

    /// <summary>Sends one datagram (one or more netlink messages) to the kernel.</summary>
    public void Send(ReadOnlySpan<byte> datagram)
    {
        using var lease = new DescriptorLease(_handle);
        fixed (byte* p = datagram)
        {
            while (true)
            {
                var n = Libc.Send(lease.Fd, p, (nuint)datagram.Length, 0);
                if (n >= 0) return;
                var e = LinuxIOException.FromLastError("send", "netlink");
                if (e.Errno != Errno.EINTR) throw e;
            }
        }
    }

    /// <summary>Receives one datagram into <paramref name="buffer"/>, blocking until the kernel answers; returns its length.</summary>
    public int Receive(Span<byte> buffer)
    {
        using var lease = new DescriptorLease(_handle);
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = Libc.Recv(lease.Fd, p, (nuint)buffer.Length, 0);
                if (n >= 0) return (int)n;
                var e = LinuxIOException.FromLastError("recv", "netlink");
                if (e.Errno != Errno.EINTR) throw e;
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
