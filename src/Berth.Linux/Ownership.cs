using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>
/// chown without following symlinks. The kernel clears setuid/setgid bits and security.capability on chown,
/// so callers chown first and set modes and xattrs afterwards.
/// </summary>
public static class Ownership
{
    public static void Lchown(string path, uint uid, uint gid)
    {
        if (Libc.Lchown(path, uid, gid) != 0) throw LinuxIOException.FromLastError("lchown", path);
    }

    public static void Fchown(SafeFileHandle file, uint uid, uint gid, string pathForErrors)
    {
        if (Libc.Fchown(file, uid, gid) != 0) throw LinuxIOException.FromLastError("fchown", pathForErrors);
    }
}
