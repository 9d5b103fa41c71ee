namespace Berth.Linux;

/// <summary>mknod(2): device nodes, fifos and overlayfs whiteouts (a character device 0:0).</summary>
public static class DeviceNodes
{
    /// <summary>Creates a node at <paramref name="path"/>; an existing path (even a dangling symlink) is EEXIST.</summary>
    public static void MakeNode(string path, UnixFileType type, UnixFileMode permissions, uint major, uint minor)
    {
        if (Libc.MknodAt(Libc.AtFdCwd, path, (uint)type | ((uint)permissions & 0xFFF), MakeDevice(major, minor)) != 0)
            throw LinuxIOException.FromLastError("mknod", path);
    }

    /// <summary>Creates a node named <paramref name="name"/> relative to an open directory.</summary>
    public static void MakeNodeAt(Microsoft.Win32.SafeHandles.SafeFileHandle directory, string name, UnixFileType type,
        UnixFileMode permissions, uint major, uint minor)
    {
        var added = false;
        try
        {
            directory.DangerousAddRef(ref added);
            var fd = (int)directory.DangerousGetHandle();
            if (Libc.MknodAt(fd, name, (uint)type | ((uint)permissions & 0xFFF), MakeDevice(major, minor)) != 0)
                throw LinuxIOException.FromLastError("mknodat", name);
        }
        finally
        {
            if (added) directory.DangerousRelease();
        }
    }

    /// <summary>glibc's makedev(3) encoding, which is a header macro and so has no symbol to import.</summary>
    public static ulong MakeDevice(uint major, uint minor) =>
        ((ulong)(major & 0xFFFFF000) << 32) | ((ulong)(major & 0xFFF) << 8) |
        ((ulong)(minor & 0xFFFFFF00) << 12) | (minor & 0xFF);
}
