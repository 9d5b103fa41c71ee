using Berth.Oci;

namespace Berth.Snapshots;

/// <summary>Walks of a directory tree that never follow symlinks and never cross into another mount.</summary>
internal static class FileTree
{
    private static readonly EnumerationOptions AllEntries = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
    };

    /// <summary>
    /// Deletes <paramref name="path"/> and everything below it. Symlinks are unlinked, not followed; read-only
    /// directories are made writable first; a directory on another device (something still mounted inside)
    /// stops the delete with Conflict rather than emptying the mounted filesystem.
    /// </summary>
    public static void Delete(string path)
    {
        Libc.StatxBuffer root;
        try
        {
            root = Libc.Lstat(path);
        }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
        {
            return;
        }

        if ((root.Mode & Libc.TypeMask) != Libc.TypeDirectory)
        {
            File.Delete(path);
            return;
        }

        DeleteDirectory(path, root);
    }

    /// <summary>Bytes allocated on disk for the tree, each inode counted once however many links it has.</summary>
    public static long Usage(string path)
    {
        var root = Libc.Lstat(path);
        return Usage(path, root, root, new HashSet<(ulong, uint, uint)>());
    }

    private static long Usage(string path, Libc.StatxBuffer stat, Libc.StatxBuffer root, HashSet<(ulong, uint, uint)> seen)
    {
        if (!seen.Add((stat.Ino, stat.DevMajor, stat.DevMinor))) return 0;
        var total = (long)stat.Blocks * 512;
        if ((stat.Mode & Libc.TypeMask) != Libc.TypeDirectory) return total;
        foreach (var child in Directory.EnumerateFileSystemEntries(path, "*", AllEntries))
        {
            var childStat = Libc.Lstat(child);
            if (!childStat.SameMount(root)) continue;
            total += Usage(child, childStat, root, seen);
        }

        return total;
    }

    private static void DeleteDirectory(string path, Libc.StatxBuffer root)
    {
        var mode = (UnixFileMode)(Libc.Lstat(path).Mode & 0xFFF);
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if ((mode & owner) != owner) File.SetUnixFileMode(path, mode | owner);

        foreach (var child in Directory.EnumerateFileSystemEntries(path, "*", AllEntries))
        {
            var stat = Libc.Lstat(child);
            if ((stat.Mode & Libc.TypeMask) != Libc.TypeDirectory)
            {
                File.Delete(child);
                continue;
            }

            if (!stat.SameMount(root))
            {
                throw BerthException.Conflict($"cannot delete {child}: another filesystem is mounted there");
            }

            DeleteDirectory(child, root);
        }

        Directory.Delete(path, recursive: false);
    }
}
