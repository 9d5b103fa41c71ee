using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>File descriptor flags.</summary>
public static class Descriptors
{
    private const int GetFlags = 1; // F_GETFD
    private const int SetFlags = 2; // F_SETFD
    private const int CloseOnExecFlag = 1; // FD_CLOEXEC

    /// <summary>
    /// Marks an inherited descriptor close-on-exec, so it does not leak into programs this process starts
    /// (descriptors .NET opens are already; ones placed by a parent with dup2 are not).
    /// </summary>
    public static void SetCloseOnExec(SafeHandle handle)
    {
        var fd = (int)handle.DangerousGetHandle();
        var flags = Libc.Fcntl(fd, GetFlags, 0);
        if (flags < 0 || Libc.Fcntl(fd, SetFlags, flags | CloseOnExecFlag) < 0)
            throw LinuxIOException.FromLastError("fcntl F_SETFD", null);
    }
}
