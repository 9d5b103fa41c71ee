using Berth.Linux;
using Berth.Oci;

namespace Berth.Engine.Volumes;

/// <summary>
/// Walks of a volume's directory that never follow symlinks and never cross into another mount: a volume may
/// hold links to anywhere and, while in use, a filesystem mounted on its <c>_data</c>.
/// </summary>
internal static class VolumeTree
{
    private static readonly EnumerationOptions Entries = new() { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };

    /// <summary>
    /// Bytes used: sizes of everything but directories, each inode once (hard links share their data), as
    /// docker's directory.Size counts them.
    /// </summary>
    public static long Usage(string path)
    {
        if (!FileStatus.TryLstat(path, out var root, out _) || root.Type != UnixFileType.Directory) return 0;
        var seen = new HashSet<ulong>();
        long total = 0;
        var pending = new Stack<string>();
        pending.Push(path);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(directory, "*", Entries))
            {
                if (!FileStatus.TryLstat(entry, out var status, out _)) continue;
                if (!SameDevice(status, root)) continue;
                if (status.Type == UnixFileType.Directory) pending.Push(entry);
                else if (seen.Add(status.Inode)) total += status.Size;
            }
        }
        return total;
    }

    /// <summary>True when the directory has no entries (a missing directory counts as empty).</summary>
    public static bool IsEmpty(string path) =>
        !Directory.Exists(path) || !Directory.EnumerateFileSystemEntries(path, "*", Entries).Any();

    /// <summary>
    /// Deletes <paramref name="path"/> and everything below it; symlinks are unlinked, never followed. A
    /// directory on another device (a mount left inside) stops the delete with Conflict rather than emptying
    /// the mounted filesystem.
    /// </summary>
    public static void Delete(string path)
    {
        if (!FileStatus.TryLstat(path, out var root, out var errno))
        {
            if (errno == Errno.ENOENT) return;
            throw new LinuxIOException("lstat", path, errno);
        }
        if (root.Type != UnixFileType.Directory)
        {
            File.Delete(path);
            return;
        }
        DeleteDirectory(path, root);
    }

    private static void DeleteDirectory(string path, FileStatus root)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(path, "*", Entries))
        {
            var status = FileStatus.Lstat(entry);
            if (status.Type != UnixFileType.Directory)
            {
                File.Delete(entry);
                continue;
            }
            if (!SameDevice(status, root)) throw BerthException.Conflict($"cannot remove {entry}: a filesystem is still mounted there");
            // A directory without write permission cannot have its entries removed, even by root on some filesystems.
            if ((status.Permissions & UnixFileMode.UserWrite) == 0) File.SetUnixFileMode(entry, status.Permissions | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            DeleteDirectory(entry, root);
        }
        Directory.Delete(path);
    }

    private static bool SameDevice(FileStatus a, FileStatus b) => a.DeviceMajor == b.DeviceMajor && a.DeviceMinor == b.DeviceMinor;
}
