using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Berth.Linux;

namespace Berth.Builder.Context;

/// <summary>
/// lstat for walking sources: the same statx(2) call <see cref="FileStatus"/> makes, also keeping the change
/// time, so the content hasher's stat cache needs no second system call per file. ctime is what makes that
/// cache trustworthy: restoring an mtime after an edit (touch -d, tar, rsync -t) still moves ctime, which no
/// user call can set. Offsets from struct statx in include/uapi/linux/stat.h.
/// </summary>
internal static unsafe partial class EntryStat
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;

    public static bool TryLstat(string path, out FileStatus status, out Timespec changeTime)
    {
        byte* buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            status = default;
            changeTime = default;
            return false;
        }
        var b = new ReadOnlySpan<byte>(buffer, StatxSize);
        uint mode = BinaryPrimitives.ReadUInt16LittleEndian(b[28..]);
        status = new FileStatus(
            Type: (UnixFileType)(mode & 0xF000),
            Permissions: (UnixFileMode)(mode & 0xFFF),
            Uid: BinaryPrimitives.ReadUInt32LittleEndian(b[20..]),
            Gid: BinaryPrimitives.ReadUInt32LittleEndian(b[24..]),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(b[32..]),
            LinkCount: BinaryPrimitives.ReadUInt32LittleEndian(b[16..]),
            Size: BinaryPrimitives.ReadInt64LittleEndian(b[40..]),
            DeviceMajor: BinaryPrimitives.ReadUInt32LittleEndian(b[136..]),
            DeviceMinor: BinaryPrimitives.ReadUInt32LittleEndian(b[140..]),
            RdevMajor: BinaryPrimitives.ReadUInt32LittleEndian(b[128..]),
            RdevMinor: BinaryPrimitives.ReadUInt32LittleEndian(b[132..]),
            AccessTime: Time(b[64..]),
            ModificationTime: Time(b[112..]));
        changeTime = Time(b[96..]);
        return true;
    }

    private static Timespec Time(ReadOnlySpan<byte> b) =>
        new(BinaryPrimitives.ReadInt64LittleEndian(b), BinaryPrimitives.ReadUInt32LittleEndian(b[8..]));

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);
}
