using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>utimensat/futimens with nanosecond precision; <see cref="Timespec.Omit"/> leaves a time as is.</summary>
public static unsafe class FileTimes
{
    /// <summary>Sets atime and mtime of the path itself: a final symlink is not followed (AT_SYMLINK_NOFOLLOW).</summary>
    public static void LSet(string path, Timespec accessTime, Timespec modificationTime)
    {
        long* times = stackalloc long[4] { accessTime.Seconds, accessTime.Nanoseconds, modificationTime.Seconds, modificationTime.Nanoseconds };
        if (Libc.UtimensAt(Libc.AtFdCwd, path, times, Libc.AtSymlinkNoFollow) != 0)
            throw LinuxIOException.FromLastError("utimensat", path);
    }

    public static void FSet(SafeFileHandle file, Timespec accessTime, Timespec modificationTime, string pathForErrors)
    {
        long* times = stackalloc long[4] { accessTime.Seconds, accessTime.Nanoseconds, modificationTime.Seconds, modificationTime.Nanoseconds };
        if (Libc.Futimens(file, times) != 0) throw LinuxIOException.FromLastError("futimens", pathForErrors);
    }
}
