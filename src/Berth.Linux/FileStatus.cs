using System.Buffers.Binary;

namespace Berth.Linux;

/// <summary>
/// What lstat tells about one path, read through statx(2) because its struct layout is the same on every
/// architecture (struct stat is not). The final component is followed only by <see cref="TryStat"/>.
/// </summary>
public readonly record struct FileStatus(
    UnixFileType Type,
    UnixFileMode Permissions,
    uint Uid,
    uint Gid,
    ulong Inode,
    uint LinkCount,
    long Size,
    uint DeviceMajor,
    uint DeviceMinor,
    uint RdevMajor,
    uint RdevMinor,
    Timespec AccessTime,
    Timespec ModificationTime)
{
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>
    /// The inode's change time: no user call can set it, so a content cache keyed on it notices an edit whose
    /// mtime was restored (touch -d, tar, rsync -t).
    /// </summary>
    public Timespec ChangeTime { get; init; }
    private const int StatxSize = 256;

    /// <summary>lstat the path; throws <see cref="LinuxIOException"/> when it fails.</summary>
    public static FileStatus Lstat(string path) =>
        TryLstat(path, out var status, out var errno) ? status : throw new LinuxIOException("lstat", path, errno);

    /// <summary>lstat the path; false with the errno (ENOENT, ENOTDIR, ...) when it fails.</summary>
    public static bool TryLstat(string path, out FileStatus status, out int errno) => TryStatx(path, Libc.AtSymlinkNoFollow, out status, out errno);

    /// <summary>stat the path, following a final symlink; false with the errno when it fails.</summary>
    public static bool TryStat(string path, out FileStatus status, out int errno) => TryStatx(path, 0, out status, out errno);

    private static unsafe bool TryStatx(string path, int flags, out FileStatus status, out int errno)
    {
        byte* buffer = stackalloc byte[StatxSize];
        if (Libc.Statx(Libc.AtFdCwd, path, flags, StatxBasicStats, buffer) != 0)
        {
            errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            status = default;
            return false;
        }
        errno = 0;
        status = Parse(new ReadOnlySpan<byte>(buffer, StatxSize));
        return true;
    }

    // Offsets follow include/uapi/linux/stat.h (struct statx).
    private static FileStatus Parse(ReadOnlySpan<byte> b)
    {
        uint mode = BinaryPrimitives.ReadUInt16LittleEndian(b[28..]);
        return new FileStatus(
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
            AccessTime: ReadTime(b[64..]),
            ModificationTime: ReadTime(b[112..]))
        {
            ChangeTime = ReadTime(b[96..]),
        };
    }

    private static Timespec ReadTime(ReadOnlySpan<byte> b) =>
        new(BinaryPrimitives.ReadInt64LittleEndian(b), BinaryPrimitives.ReadUInt32LittleEndian(b[8..]));
}
