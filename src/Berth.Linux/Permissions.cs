using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>
/// chmod with all twelve bits (setuid, setgid, sticky included). There is no lchmod on Linux: chmod through a
/// path follows a final symlink, so callers use the handle form or a path they just created as a non-link.
/// </summary>
public static class Permissions
{
    public static void Fchmod(SafeFileHandle file, UnixFileMode mode, string pathForErrors)
    {
        if (Libc.Fchmod(file, (uint)mode & 0xFFF) != 0) throw LinuxIOException.FromLastError("fchmod", pathForErrors);
    }

    public static void Chmod(string path, UnixFileMode mode)
    {
        if (Libc.FchmodAt(Libc.AtFdCwd, path, (uint)mode & 0xFFF, 0) != 0) throw LinuxIOException.FromLastError("chmod", path);
    }
}
