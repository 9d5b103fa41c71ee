using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>
/// Sends and receives one open descriptor with some bytes of data over a connected unix socket (unix(7)
/// SCM_RIGHTS), the way runc hands a pty master to its --console-socket. Received descriptors are
/// close-on-exec (MSG_CMSG_CLOEXEC).
/// </summary>
public static unsafe class DescriptorPassing
{
    // struct cmsghdr is { size_t len; int level; int type; } followed by the data, aligned to 8 bytes.
    private const int HeaderBytes = 16;
    private const int ControlBytes = HeaderBytes + 8;

    /// <summary>
    /// recvmsg: fills <paramref name="data"/> and returns the descriptor that came with it, or null when the
    /// message carried none. <paramref name="received"/> is 0 when the peer closed the connection.
    /// <paramref name="nonBlocking"/> sets MSG_DONTWAIT (the call then throws with EAGAIN when nothing is queued).
    /// </summary>
    public static SafeFileHandle? Receive(SafeHandle socket, Span<byte> data, bool nonBlocking, out int received)
    {
        byte* control = stackalloc byte[ControlBytes];
        new Span<byte>(control, ControlBytes).Clear();
        fixed (byte* buffer = data)
        {
            var iov = new Libc.IoVector { Base = buffer, Length = (nuint)data.Length };
            var message = new Libc.MessageHeader { Iov = &iov, IovLength = 1, Control = control, ControlLength = ControlBytes };
            var flags = Libc.MsgCmsgCloexec | (nonBlocking ? Libc.MsgDontWait : 0);
            using var lease = new DescriptorLease(socket);
            var n = Libc.RecvMsg(lease.Fd, &message, flags);
            if (n < 0) throw LinuxIOException.FromLastError("recvmsg", null);
            received = (int)n;
            if (message.ControlLength < HeaderBytes + sizeof(int)) return null;
            var level = *(int*)(control + 8);
            var type = *(int*)(control + 12);
            if (level != Libc.SolSocket || type != Libc.ScmRights) return null;
            return new SafeFileHandle(*(int*)(control + HeaderBytes), ownsHandle: true);
        }
    }

    /// <summary>sendmsg: sends <paramref name="data"/> (at least one byte) with <paramref name="descriptor"/>.</summary>
    public static void Send(SafeHandle socket, ReadOnlySpan<byte> data, SafeHandle descriptor)
    {
        if (data.IsEmpty) throw new ArgumentException("at least one byte must accompany a descriptor", nameof(data));
        byte* control = stackalloc byte[ControlBytes];
        new Span<byte>(control, ControlBytes).Clear();
        *(nuint*)control = (nuint)(HeaderBytes + sizeof(int));
        *(int*)(control + 8) = Libc.SolSocket;
        *(int*)(control + 12) = Libc.ScmRights;
        using var passed = new DescriptorLease(descriptor);
        using var lease = new DescriptorLease(socket);
        *(int*)(control + HeaderBytes) = passed.Fd;
        fixed (byte* buffer = data)
        {
            var iov = new Libc.IoVector { Base = buffer, Length = (nuint)data.Length };
            var message = new Libc.MessageHeader { Iov = &iov, IovLength = 1, Control = control, ControlLength = ControlBytes };
            if (Libc.SendMsg(lease.Fd, &message, 0) < 0) throw LinuxIOException.FromLastError("sendmsg", null);
        }
    }
}
