using Berth.Linux;

namespace Berth.Engine.Volumes;

/// <summary>
/// Docker's copy of an image directory into a fresh volume. Every entry is lstat'ed and copied as what it is:
/// directories are walked, symlinks recreated with their text (never followed, so nothing outside the source
/// is read), files opened with O_NOFOLLOW and written with O_EXCL, hard links kept as links, device nodes and
/// fifos recreated; sockets are skipped. Owner is set before mode (chown clears setuid bits), times last.
/// </summary>
internal static class VolumeCopier
{
    private static readonly EnumerationOptions Entries = new() { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };

    public static void Copy(string source, string destination, CancellationToken ct)
    {
        if (!FileStatus.TryLstat(source, out var root, out _) || root.Type != UnixFileType.Directory) return;
        var links = new Dictionary<(uint, uint, ulong), string>();
        CopyChildren(source, destination, links, ct);
        CopyMetadata(source, destination, root);
    }

    private static void CopyChildren(string source, string destination, Dictionary<(uint, uint, ulong), string> links, CancellationToken ct)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(source, "*", Entries))
        {
            ct.ThrowIfCancellationRequested();
            var status = FileStatus.Lstat(entry);
            var target = Path.Combine(destination, Path.GetFileName(entry));
            if (status.Type != UnixFileType.Directory && status.LinkCount > 1)
            {
                var key = (status.DeviceMajor, status.DeviceMinor, status.Inode);
                if (links.TryGetValue(key, out var first))
                {
                    Links.HardLink(first, target);
                    continue;
                }
                links[key] = target;
            }
            switch (status.Type)
            {
                case UnixFileType.Directory:
                    Directory.CreateDirectory(target);
                    CopyChildren(entry, target, links, ct);
                    CopyMetadata(entry, target, status);
                    break;
                case UnixFileType.RegularFile:
                    CopyFile(entry, target, status);
                    break;
                case UnixFileType.SymbolicLink:
                    Links.Symlink(Links.ReadLink(entry), target);
                    Ownership.Lchown(target, status.Uid, status.Gid);
                    CopyXattrs(entry, target);
                    FileTimes.LSet(target, status.AccessTime, status.ModificationTime);
                    break;
                case UnixFileType.CharacterDevice or UnixFileType.BlockDevice or UnixFileType.Fifo:
                    DeviceNodes.MakeNode(target, status.Type, status.Permissions, status.RdevMajor, status.RdevMinor);
                    CopyMetadata(entry, target, status);
                    break;
                default:
                    links.Remove((status.DeviceMajor, status.DeviceMinor, status.Inode));
                    break;
            }
        }
    }

    private static void CopyFile(string source, string target, FileStatus status)
    {
        using var input = new FileStream(UnixFile.OpenReadOnlyNoFollow(source), FileAccess.Read);
        var handle = UnixFile.CreateNew(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var output = new FileStream(handle, FileAccess.Write);
        input.CopyTo(output);
        output.Flush();
        Ownership.Fchown(handle, status.Uid, status.Gid, target);
        Permissions.Fchmod(handle, status.Permissions, target);
        foreach (var (name, value) in Xattrs(source))
        {
            try
            {
                ExtendedAttributes.FSet(handle, name, value, target);
            }
            catch (LinuxIOException e) when (e.Errno is Errno.EOPNOTSUPP or Errno.EPERM)
            {
                // The volume's filesystem may not take every namespace the image's had.
            }
        }
        FileTimes.FSet(handle, status.AccessTime, status.ModificationTime, target);
    }

    /// <summary>Owner, mode, xattrs and times of a directory or node made by path (never a symlink here).</summary>
    private static void CopyMetadata(string source, string target, FileStatus status)
    {
        Ownership.Lchown(target, status.Uid, status.Gid);
        Permissions.Chmod(target, status.Permissions);
        CopyXattrs(source, target);
        FileTimes.LSet(target, status.AccessTime, status.ModificationTime);
    }

    private static void CopyXattrs(string source, string target)
    {
        foreach (var (name, value) in Xattrs(source))
        {
            try
            {
                ExtendedAttributes.LSet(target, name, value);
            }
            catch (LinuxIOException e) when (e.Errno is Errno.EOPNOTSUPP or Errno.EPERM)
            {
                // user.* on symlinks and devices, or a filesystem without xattrs: docker skips these too.
            }
        }
    }

    private static IEnumerable<(string Name, byte[] Value)> Xattrs(string path)
    {
        IReadOnlyList<string> names;
        try
        {
            names = ExtendedAttributes.LList(path);
        }
        catch (LinuxIOException e) when (e.Errno == Errno.EOPNOTSUPP)
        {
            yield break;
        }
        foreach (var name in names)
            if (ExtendedAttributes.LGet(path, name) is { } value) yield return (name, value);
    }
}
