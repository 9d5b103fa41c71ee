using System.Runtime.InteropServices;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Snapshots;

/// <summary>
/// statx with the two fields Berth.Linux's <see cref="FileStatus"/> does not carry yet: allocated blocks (disk
/// usage) and the mount id (mount boundaries, bind mounts of the same filesystem included). Also maps syscall
/// failures to <see cref="BerthException"/> kinds.
/// </summary>
internal static partial class Libc
{
    public const ushort TypeMask = 0xF000, TypeDirectory = 0x4000;
    private const int AtFdcwd = -100, AtSymlinkNofollow = 0x100;
    private const uint StatxBasicStats = 0x7ff, StatxMntId = 0x1000;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>lstat through statx, whose struct layout is the same on every architecture.</summary>
    public static StatxBuffer Lstat(string path)
    {
        if (Statx(AtFdcwd, path, AtSymlinkNofollow, StatxBasicStats | StatxMntId, out var buffer) != 0)
        {
            throw ToBerth(new LinuxIOException("statx", path, Marshal.GetLastPInvokeError()));
        }

        return buffer;
    }

    public static BerthException ToBerth(LinuxIOException e)
    {
        var kind = e.Errno switch
        {
            Errno.EPERM or Errno.EACCES => ErrorKind.PermissionDenied,
            Errno.ENOENT => ErrorKind.NotFound,
            Errno.EBUSY => ErrorKind.Conflict,
            Errno.EINVAL => ErrorKind.InvalidArgument,
            _ => ErrorKind.Internal,
        };
        return new BerthException(kind, e.Message.ToLowerInvariant(), e);
    }

    /// <summary>struct statx (include/uapi/linux/stat.h); only the fields read here are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct StatxBuffer
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Ino;
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
