using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// Descriptor passing over unix sockets (unix(7) SCM_RIGHTS) and the plain read/write/poll that streams over
/// raw descriptors (a pty master) need.
/// </summary>
internal static unsafe partial class Libc
{
    internal const int SolSocket = 1;
    internal const int ScmRights = 1;
    internal const int MsgCmsgCloexec = 0x40000000;
    internal const int MsgDontWait = 0x40;
    internal const short PollIn = 0x001;
    internal const short PollErr = 0x008;
    internal const short PollHup = 0x010;
    internal const short PollNval = 0x020;

    [LibraryImport(Name, EntryPoint = "recvmsg", SetLastError = true)]
    internal static partial nint RecvMsg(int socket, MessageHeader* message, int flags);

    [LibraryImport(Name, EntryPoint = "sendmsg", SetLastError = true)]
    internal static partial nint SendMsg(int socket, MessageHeader* message, int flags);

    [LibraryImport(Name, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(Name, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport(Name, EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    /// <summary>struct msghdr (64-bit layout).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVector* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct IoVector
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
