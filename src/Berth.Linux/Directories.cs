using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// mkdir(2) that reports an existing name instead of checking for it first: creating many entries in a fresh
/// tree costs one call each instead of a stat and a mkdir (which <see cref="Directory.CreateDirectory(string)"/> does).
/// </summary>
public static class Directories
{
    /// <summary>
    /// Creates one directory (the parent must exist) with <paramref name="mode"/> less the umask; false when
    /// the name already exists, whatever it is (mkdir never follows a final symlink).
    /// </summary>
    public static bool TryCreate(string path, UnixFileMode mode)
    {
        if (Libc.Mkdir(path, (uint)mode & 0xFFF) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.EEXIST) return false;
        throw new LinuxIOException("mkdir", path, errno);
    }
}
