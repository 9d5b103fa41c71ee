using System.Text;

namespace Berth.Linux;

/// <summary>symlink, link and readlink with the link text kept verbatim (no normalisation of the target).</summary>
public static unsafe class Links
{
    public static void Symlink(string target, string linkPath)
    {
        if (Libc.Symlink(target, linkPath) != 0) throw LinuxIOException.FromLastError("symlink", linkPath);
    }

    /// <summary>link(2) never follows <paramref name="existing"/> when it is a symlink: the link itself is linked.</summary>
    public static void HardLink(string existing, string newPath)
    {
        if (Libc.Link(existing, newPath) != 0) throw LinuxIOException.FromLastError($"link {existing} to", newPath);
    }

    /// <summary>The target of the symlink at <paramref name="path"/>; null when nothing is there or it is not a symlink.</summary>
    public static string? TryReadLink(string path)
    {
        byte* buffer = stackalloc byte[4096];
        var length = Libc.ReadLink(path, buffer, 4096);
        if (length >= 0) return Encoding.UTF8.GetString(buffer, (int)length);
        var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        if (errno is Errno.ENOENT or Errno.ENOTDIR or Errno.EINVAL) return null;
        throw new LinuxIOException("readlink", path, errno);
    }

    public static string ReadLink(string path)
    {
        // PATH_MAX bounds a symlink's length on Linux.
        byte* buffer = stackalloc byte[4096];
        var length = Libc.ReadLink(path, buffer, 4096);
        if (length < 0) throw LinuxIOException.FromLastError("readlink", path);
        return Encoding.UTF8.GetString(buffer, (int)length);
    }
}
