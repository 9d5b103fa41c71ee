namespace Berth.Linux;

/// <summary>mount(2) and umount2(2), unchanged; building option strings (lowerdir=...) is the caller's job.</summary>
public static class Mounts
{
    public static void Mount(string? source, string target, string? fileSystemType, MountFlags flags, string? data)
    {
        if (Libc.Mount(source, target, fileSystemType, (ulong)flags, data) != 0)
            throw LinuxIOException.FromLastError($"mount {fileSystemType ?? "(bind)"}", target);
    }

    public static void Unmount(string target, UnmountFlags flags = UnmountFlags.None)
    {
        if (Libc.Umount2(target, (int)flags) != 0) throw LinuxIOException.FromLastError("umount2", target);
    }

    /// <summary>
    /// Unmounts <paramref name="target"/>; false when nothing is mounted there (EINVAL) or the path does not
    /// exist (ENOENT), which callers cleaning up expect often enough that an exception would cost more than the call.
    /// </summary>
    public static bool UnmountIfMounted(string target, UnmountFlags flags = UnmountFlags.None)
    {
        if (Libc.Umount2(target, (int)flags) == 0) return true;
        var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        if (errno is Errno.EINVAL or Errno.ENOENT) return false;
        throw new LinuxIOException("umount2", target, errno);
    }
}
