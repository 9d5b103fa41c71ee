using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>sync_file_range(2): start writeback of a file range without waiting for it.</summary>
internal static partial class Libc
{
    // include/uapi/linux/fs.h
    internal const uint SyncFileRangeWrite = 2;

    [LibraryImport(Name, EntryPoint = "sync_file_range", SetLastError = true)]
    internal static partial int SyncFileRange(SafeHandle fd, long offset, long count, uint flags);
}
