using System.Runtime.InteropServices;
using Berth.Oci;

namespace Berth.Snapshots;

/// <summary>
/// The few libc calls this project needs. Berth.Linux (thin syscalls) did not exist when this was written;
/// once it offers mount/umount2/flock/statx these move there.
/// </summary>
internal static partial class Libc
{
    public const ulong MsRdonly = 0x1, MsNosuid = 0x2, MsNodev = 0x4, MsNoexec = 0x8, MsSynchronous = 0x10;
    public const ulong MsRemount = 0x20, MsNoatime = 0x400, MsNodiratime = 0x800, MsBind = 0x1000, MsRec = 0x4000;
    public const ulong MsPrivate = 1 << 18, MsSlave = 1 << 19, MsShared = 1 << 20, MsRelatime = 1 << 21;
    public const int LockEx = 2, LockUn = 8;
    public const int ORdonly = 0, OCreat = 0x40, OCloexec = 0x80000, ODirectory = 0x10000, ONofollow = 0x20000;
    public const int AtFdcwd = -100, AtSymlinkNofollow = 0x100;
    public const uint StatxBasicStats = 0x7ff, StatxMntId = 0x1000;
    public const int Eintr = 4;

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Mount(string source, string target, string? fstype, ulong flags, string? data);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Umount2(string target, int flags);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int dirfd, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>lstat through statx, whose struct layout is the same on every architecture.</summary>
    public static StatxBuffer Lstat(string path)
    {
        if (Statx(AtFdcwd, path, AtSymlinkNofollow, StatxBasicStats | StatxMntId, out var buffer) != 0) throw Error("stat", path);
        return buffer;
    }

    /// <summary>fsync of a directory, so a rename or create inside it survives a crash.</summary>
    public static void FsyncDirectory(string path)
    {
        var fd = Open(path, ORdonly | ODirectory | OCloexec, 0);
        if (fd < 0) throw Error("open", path);
        try
        {
            if (Fsync(fd) != 0) throw Error("fsync", path);
        }
        finally
        {
            Close(fd);
        }
    }

    public static BerthException Error(string operation, string path)
    {
        var errno = Marshal.GetLastPInvokeError();
        var kind = errno switch
        {
            1 or 13 => ErrorKind.PermissionDenied, // EPERM, EACCES
            2 => ErrorKind.NotFound, // ENOENT
            16 => ErrorKind.Conflict, // EBUSY
            22 => ErrorKind.InvalidArgument, // EINVAL
            _ => ErrorKind.Internal,
        };
        return new BerthException(kind, $"{operation} {path}: {Marshal.GetPInvokeErrorMessage(errno).ToLowerInvariant()}");
    }

    /// <summary>struct statx (linux/stat.h); only the fields read here are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct StatxBuffer
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(16)] public uint Nlink;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Ino;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(48)] public ulong Blocks;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
        [FieldOffset(144)] public ulong MntId;

        /// <summary>Whether both entries live on one mount (mount id where the kernel reports it, else device).</summary>
        public readonly bool SameMount(in StatxBuffer other) =>
            DevMajor == other.DevMajor && DevMinor == other.DevMinor &&
            ((Mask & other.Mask & StatxMntId) == 0 || MntId == other.MntId);
    }
}
