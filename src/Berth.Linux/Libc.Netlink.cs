using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>The socket calls a netlink(7) socket needs: socket(2), setsockopt(2), send(2) and recv(2).</summary>
internal static unsafe partial class Libc
{
    internal const int AfNetlink = 16;
    internal const int SockRaw = 3;
    internal const int SockCloexec = 0x80000;
    internal const int SolNetlink = 270;

    [LibraryImport(Name, EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Name, EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSockOpt(int socket, int level, int name, void* value, uint length);

    [LibraryImport(Name, EntryPoint = "send", SetLastError = true)]
    internal static partial nint Send(int socket, byte* buffer, nuint length, int flags);

    [LibraryImport(Name, EntryPoint = "recv", SetLastError = true)]
    internal static partial nint Recv(int socket, byte* buffer, nuint length, int flags);
}
