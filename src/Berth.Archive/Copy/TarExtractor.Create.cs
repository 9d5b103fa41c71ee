using Berth.Linux;
using Berth.Oci;

namespace Berth.Archive.Copy;

internal sealed partial class TarExtractor
{
    private void MakeDirectory(LayerTarEntry entry, string path)
    {
        if (FileStatus.TryLstat(path, out var status, out _))
        {
            if (status.Type != UnixFileType.Directory)
            {
                if (_policy.NoOverwriteDirNonDir)
                    throw BerthException.Invalid($"cannot overwrite non-directory \"{DisplayOf(path)}\" with directory \"{EntryNames.Printable(entry.Name)}\"");
                Remove(path, status);
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        SetOwner(path, entry);
        SetXattrs(path, entry);
        // Modes and times wait until the contents exist: a 0555 directory would refuse them, and each child
        // written would move the mtime.
        _directories.Add((path, entry));
    }

    /// <summary>Makes room for a non-directory: an existing non-directory goes, a directory only when allowed.</summary>
    private void ClearFor(LayerTarEntry entry, string path, bool directory)
    {
        if (!FileStatus.TryLstat(path, out var status, out var errno))
        {
            if (errno == Errno.ENOENT) return;
            throw new LinuxIOException("lstat", path, errno);
        }
        if (status.Type == UnixFileType.Directory && !directory && _policy.NoOverwriteDirNonDir)
            throw BerthException.Invalid($"cannot overwrite directory \"{DisplayOf(path)}\" with non-directory \"{EntryNames.Printable(entry.Name)}\"");
        Remove(path, status);
    }

    private void Remove(string path, FileStatus status)
    {
        // Directory.Delete unlinks symlinks it meets instead of descending into them.
        if (status.Type == UnixFileType.Directory) Directory.Delete(path, recursive: true);
        else File.Delete(path);
        _resolver.Invalidate();
    }

    private async Task WriteFileAsync(LayerTarEntry entry, string path, LayerTarReader reader, CancellationToken ct)
    {
        // O_EXCL|O_NOFOLLOW: the name was just cleared; nothing but a new file may stand behind it.
        using var file = UnixFile.CreateNew(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        long offset = 0;
        int read;
        while ((read = await reader.ReadDataAsync(_buffer, ct).ConfigureAwait(false)) > 0)
        {
            RandomAccess.Write(file, _buffer.AsSpan(0, read), offset);
            offset += read;
        }
        // chown clears setuid/setgid and security.capability, so it comes first, then the mode, then xattrs.
        if (_policy.Chown)
        {
            var (uid, gid) = Owner(entry);
            Ownership.Fchown(file, (uint)uid, (uint)gid, path);
        }
        Permissions.Fchmod(file, entry.Mode, path);
        foreach (var (name, value) in Xattrs(entry)) TrySetXattr(path, name, value, file);
        FileTimes.FSet(file, entry.ModificationTime, entry.ModificationTime, path);
    }

    private void MakeHardLink(LayerTarEntry entry, string path)
    {
        var target = Clean(_policy.Rebase is null ? entry.LinkName : Rebase(entry.LinkName), entry.Name, "hardlink target");
        if (target.Length == 0) throw Refused(entry.Name, "hardlink target is the destination itself");
        RefuseOutsideTop(target, entry.Name);
        RefuseArchiveSymlinkPrefix(target, entry.Name);
        var (targetParent, targetName) = EntryNames.Split(target);
        var resolvedParent = _resolver.ResolveDirectory(EntryNames.Join(_base, targetParent), entry.Name, create: false);
        var targetPath = resolvedParent is null ? null : _resolver.Host(EntryNames.Join(resolvedParent, targetName));
        // link(2) does not follow a final symlink, so the link stays inside whatever the target name is.
        if (targetPath is null || !FileStatus.TryLstat(targetPath, out var targetStatus, out _))
            throw Refused(entry.Name, $"hardlink target {EntryNames.Quote(entry.LinkName)} does not exist in {Display()}");
        if (targetStatus.Type == UnixFileType.Directory)
            throw Refused(entry.Name, $"hardlink target {EntryNames.Quote(entry.LinkName)} is a directory");
        if (targetPath == path) return;
        ClearFor(entry, path, directory: false);
        Links.HardLink(targetPath, path);
        _resolver.Invalidate();
    }

    private void MakeNode(LayerTarEntry entry, string path)
    {
        var type = entry.Type switch
        {
            LayerEntryType.CharacterDevice => UnixFileType.CharacterDevice,
            LayerEntryType.BlockDevice => UnixFileType.BlockDevice,
            _ => UnixFileType.Fifo,
        };
        if (type != UnixFileType.Fifo && !_policy.DeviceNodes)
        {
            Skipped.Add(entry.Name);
            return;
        }
        ClearFor(entry, path, directory: false);
        DeviceNodes.MakeNode(path, type, UnixFileMode.UserRead | UnixFileMode.UserWrite, entry.DeviceMajor, entry.DeviceMinor);
        SetOwner(path, entry);
        // Just created under a resolved, link-free path: chmod by path cannot be redirected.
        Permissions.Chmod(path, entry.Mode);
        SetXattrs(path, entry);
        FileTimes.LSet(path, entry.ModificationTime, entry.ModificationTime);
    }

    private void FinishDirectories()
    {
        foreach (var (path, entry) in _directories)
        {
            Microsoft.Win32.SafeHandles.SafeFileHandle handle;
            try
            {
                handle = UnixFile.OpenDirectoryNoFollow(path);
            }
            catch (LinuxIOException e) when (e.Errno is Errno.ENOENT or Errno.ENOTDIR or Errno.ELOOP)
            {
                continue; // a later entry replaced it
            }
            using (handle)
            {
                Permissions.Fchmod(handle, entry.Mode, path);
                FileTimes.FSet(handle, entry.ModificationTime, entry.ModificationTime, path);
            }
        }
    }

    private (long Uid, long Gid) Owner(LayerTarEntry entry)
    {
        var (uid, gid) = _policy.Owner ?? (entry.Uid, entry.Gid);
        if (uid is < 0 or > uint.MaxValue || gid is < 0 or > uint.MaxValue)
            throw Refused(entry.Name, $"uid/gid {uid}/{gid} is out of range");
        return (uid, gid);
    }

    private void SetOwner(string path, LayerTarEntry entry)
    {
        if (!_policy.Chown) return;
        var (uid, gid) = Owner(entry);
        Ownership.Lchown(path, (uint)uid, (uint)gid);
    }

    private void SetXattrs(string path, LayerTarEntry entry)
    {
        foreach (var (name, value) in Xattrs(entry)) TrySetXattr(path, name, value, null);
    }

    /// <summary>overlayfs's own markers never come from a tar; on the host only user.* is accepted.</summary>
    private IEnumerable<KeyValuePair<string, byte[]>> Xattrs(LayerTarEntry entry) =>
        entry.Xattrs.Where(x => !x.Key.StartsWith("trusted.overlay.", StringComparison.Ordinal) &&
                                (!_policy.UserXattrsOnly || x.Key.StartsWith("user.", StringComparison.Ordinal)));

    /// <summary>Like moby, an xattr the filesystem does not support or allow is dropped, not fatal.</summary>
    private static void TrySetXattr(string path, string name, byte[] value, Microsoft.Win32.SafeHandles.SafeFileHandle? file)
    {
        try
        {
            if (file is null) ExtendedAttributes.LSet(path, name, value);
            else ExtendedAttributes.FSet(file, name, value, path);
        }
        catch (LinuxIOException e) when (e.Errno is Errno.ENOTSUP or Errno.EPERM)
        {
        }
    }

    private string DisplayOf(string hostPath)
    {
        var relative = hostPath.Length > _root.Length ? hostPath[(_root.Length + 1)..] : "";
        return EntryNames.Printable(_policy.DisplayRoot.Length > 0 && _base.Length == 0
            ? DisplayPath(relative)
            : "/" + relative);
    }
}
