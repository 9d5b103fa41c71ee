using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>
/// fsync and syncfs. A new file is only durable once its data is synced and the directory holding its name is
/// synced too (fsync(2): "calling fsync() on the file does not ensure that the entry in the directory ... has
/// reached disk"), hence <see cref="FsyncPath"/> for directories.
/// </summary>
public static class Durability
{
    public static void Fsync(SafeFileHandle file, string pathForErrors)
    {
        if (Libc.Fsync(file) != 0) throw LinuxIOException.FromLastError("fsync", pathForErrors);
    }

    /// <summary>Opens the file or directory read-only (without following a final symlink) and fsyncs it.</summary>
    public static void FsyncPath(string path)
    {
        using var handle = UnixFile.OpenReadOnlyNoFollow(path);
        Fsync(handle, path);
    }

    /// <summary>Flushes the whole filesystem that holds <paramref name="path"/>: one call instead of one per file.</summary>
    public static void Syncfs(string path)
    {
        using var handle = UnixFile.OpenReadOnlyNoFollow(path);
        if (Libc.Syncfs(handle) != 0) throw LinuxIOException.FromLastError("syncfs", path);
    }

    /// <summary>
    /// Starts writing a just-written range of a file to disk and returns without waiting
    /// (sync_file_range(2) with SYNC_FILE_RANGE_WRITE). Dirty pages otherwise wait for the kernel's flusher (30 s,
    /// or a tenth of memory dirty), so a final fsync or syncfs would find all of them still to write and the disk
    /// idle until then. Only a hint: it makes nothing durable, so failures are ignored and a later fsync or
    /// syncfs reports what matters. <paramref name="count"/> 0 means to the end of the file.
    /// </summary>
    public static void StartWriteback(SafeFileHandle file, long offset, long count)
    {
        _ = Libc.SyncFileRange(file, offset, count, Libc.SyncFileRangeWrite);
    }
}
