namespace Berth.Linux;

/// <summary>
/// The inode flags that chattr(1) sets, through FS_IOC_GETFLAGS and FS_IOC_SETFLAGS. The kernel reads and writes
/// them as an int whatever the ioctl's nominal size. Filesystems without such flags refuse the calls; the flags set
/// here are placement hints, so a refusal is an answer, not an error.
/// </summary>
public static class InodeFlags
{
    private const nuint GetFlags = 0x80086601;
    private const nuint SetFlags = 0x40086602;
    private const int TopDirectory = 0x00020000;

    /// <summary>
    /// Marks a directory as the top of unrelated directory trees (FS_TOPDIR_FL, chattr +T). ext4 then places each
    /// new subdirectory in a block group picked by a hash of its name, as it does for directories at the root of the
    /// filesystem, instead of beside the parent. Returns whether the flag is set now.
    /// </summary>
    public static unsafe bool TryMarkTopDirectory(string directory)
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = UnixFile.OpenDirectoryNoFollow(directory);
        }
        catch (LinuxIOException)
        {
            return false;
        }
        using (handle)
        {
            using var lease = new DescriptorLease(handle);
            int flags;
            if (Libc.Ioctl(lease.Fd, GetFlags, &flags) != 0) return false;
            if ((flags & TopDirectory) != 0) return true;
            flags |= TopDirectory;
            return Libc.Ioctl(lease.Fd, SetFlags, &flags) == 0;
        }
    }
}
