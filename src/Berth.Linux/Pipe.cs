using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>pipe2(2) with O_CLOEXEC: neither end leaks into a child unless it is mapped in explicitly.</summary>
public static class Pipe
{
    /// <summary>Creates a pipe; data written to <c>Write</c> comes out of <c>Read</c>.</summary>
    public static unsafe (SafeFileHandle Read, SafeFileHandle Write) Create()
    {
        int* fds = stackalloc int[2];
        if (Libc.Pipe2(fds, Libc.OCloexec) != 0) throw LinuxIOException.FromLastError("pipe2", null);
        return (new SafeFileHandle(fds[0], ownsHandle: true), new SafeFileHandle(fds[1], ownsHandle: true));
    }
}
