using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>
/// open(2) with the flags the framework does not expose: O_NOFOLLOW, O_EXCL on exact modes, no advisory lock.
/// The O_DIRECTORY and O_NOFOLLOW bits differ between x86-64 and arm64, so they are chosen per architecture.
/// </summary>
public static class UnixFile
{
    private const int ReadOnly = 0;
    private const int WriteOnly = 1;
    private const int ReadWrite = 2;
    private const int Create = 0x40;
    private const int Exclusive = 0x80;
    private const int CloseOnExec = 0x80000;

    private static bool IsArm => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;
    private static int Directory => IsArm ? 0x4000 : 0x10000;
    private static int NoFollow => IsArm ? 0x8000 : 0x20000;

    /// <summary>
    /// Creates a new regular file for writing. O_CREAT|O_EXCL fails with EEXIST when anything, even a dangling
    /// symlink, already has the name, so the write can never land behind a link.
    /// </summary>
    public static SafeFileHandle CreateNew(string path, UnixFileMode mode) =>
        OpenCore(path, WriteOnly | Create | Exclusive | NoFollow | CloseOnExec, (uint)mode & 0xFFF, "open");

    /// <summary>
    /// Writes a file that must not exist yet (a temporary of its own name, or one just deleted), mode 0644 before
    /// the umask. Unlike the framework's writes it never truncates: ext4 marks a file truncated to nothing for
    /// writeback at its close (its heuristic for rewritten files), a tenth of a millisecond on a container's start
    /// for each of the few files it writes.
    /// </summary>
    public static void WriteNew(string path, ReadOnlySpan<byte> content)
    {
        using var handle = CreateNew(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        RandomAccess.Write(handle, content, 0);
    }

    /// <summary>Opens a file or directory read-only; fails with ELOOP when the final component is a symlink.</summary>
    public static SafeFileHandle OpenReadOnlyNoFollow(string path) =>
        OpenCore(path, ReadOnly | NoFollow | CloseOnExec, 0, "open");

    /// <summary>Opens a directory read-only; ELOOP for a symlink, ENOTDIR for anything else.</summary>
    public static SafeFileHandle OpenDirectoryNoFollow(string path) =>
        OpenCore(path, ReadOnly | Directory | NoFollow | CloseOnExec, 0, "open directory");

    internal static SafeFileHandle OpenLockFile(string path) =>
        OpenCore(path, ReadWrite | Create | NoFollow | CloseOnExec, 0x1A4 /* 0644 */, "open lock file");

    private static SafeFileHandle OpenCore(string path, int flags, uint mode, string operation)
    {
        int fd;
        do
        {
            fd = Libc.Open(path, flags, mode);
        } while (fd < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR);
        if (fd < 0) throw LinuxIOException.FromLastError(operation, path);
        return new SafeFileHandle(fd, ownsHandle: true);
    }
}
