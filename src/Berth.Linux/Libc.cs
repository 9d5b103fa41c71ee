using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// Raw glibc entry points. Every import sets the last error so wrappers can report errno; strings are UTF-8
/// because Linux paths are bytes and every other Berth layer speaks UTF-8. The runtime maps "libc" to
/// libc.so.6, so no version-specific name appears here.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Name = "libc";

    internal const int AtFdCwd = -100;
    internal const int AtSymlinkNoFollow = 0x100;

    [LibraryImport(Name, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags, uint mode);

    [LibraryImport(Name, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Name, EntryPoint = "mknodat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MknodAt(int dirfd, string path, uint mode, ulong dev);

    [LibraryImport(Name, EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Lchown(string path, uint uid, uint gid);

    [LibraryImport(Name, EntryPoint = "fchown", SetLastError = true)]
    internal static partial int Fchown(SafeHandle fd, uint uid, uint gid);

    [LibraryImport(Name, EntryPoint = "fchmod", SetLastError = true)]
    internal static partial int Fchmod(SafeHandle fd, uint mode);

    [LibraryImport(Name, EntryPoint = "fchmodat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int FchmodAt(int dirfd, string path, uint mode, int flags);

    [LibraryImport(Name, EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int UtimensAt(int dirfd, string path, long* times, int flags);

    [LibraryImport(Name, EntryPoint = "futimens", SetLastError = true)]
    internal static partial int Futimens(SafeHandle fd, long* times);

    [LibraryImport(Name, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Name, EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint ReadLink(string path, byte* buffer, nuint size);

    [LibraryImport(Name, EntryPoint = "symlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Symlink(string target, string linkPath);

    [LibraryImport(Name, EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Link(string existing, string newPath);

    [LibraryImport(Name, EntryPoint = "fsync", SetLastError = true)]
    internal static partial int Fsync(SafeHandle fd);

    [LibraryImport(Name, EntryPoint = "syncfs", SetLastError = true)]
    internal static partial int Syncfs(SafeHandle fd);

    [LibraryImport(Name, EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(SafeHandle fd, int operation);
}
