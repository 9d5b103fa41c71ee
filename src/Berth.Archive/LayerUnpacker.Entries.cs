using Berth.Linux;
using Microsoft.Win32.SafeHandles;

namespace Berth.Archive;

internal sealed partial class LayerUnpacker
{
    // Large enough that the disk gets big requests, small enough that it starts long before a big file ends.
    private const long WritebackStep = 8 << 20;

    private void MakeDirectory(LayerTarEntry entry, string path)
    {
        // An existing directory is kept (layers add to it); anything else under the name is replaced. In a fresh
        // layer directory nothing exists yet, so mkdir comes first and the name is only examined when it fails.
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (!Directories.TryCreate(path, owner)
            && (!FileStatus.TryLstat(path, out var status, out _) || status.Type != UnixFileType.Directory))
        {
            RemoveExisting(path);
            if (!Directories.TryCreate(path, owner)) throw new LinuxIOException("mkdir", path, Errno.EEXIST);
        }
        SetOwner(path, entry);
        SetXattrs(path, entry);
        _directories.Add(entry);
    }

    private async Task WriteFileAsync(LayerTarEntry entry, string path, LayerTarReader reader, CancellationToken ct)
    {
        using var file = CreateFile(path);
        long offset = 0, flushed = 0;
        ReadOnlyMemory<byte> data;
        while (!(data = await reader.ReadDataSegmentAsync(_buffer, ct).ConfigureAwait(false)).IsEmpty)
        {
            RandomAccess.Write(file, data.Span, offset);
            offset += data.Length;
            if (_options.StartWriteback && offset - flushed >= WritebackStep)
            {
                Durability.StartWriteback(file, flushed, offset - flushed);
                flushed = offset;
            }
        }
        if (_options.StartWriteback && offset > flushed) Durability.StartWriteback(file, flushed, offset - flushed);
        // chown clears setuid/setgid and security.capability, so it goes first, then mode, then xattrs.
        if (_privileged) Ownership.Fchown(file, (uint)entry.Uid, (uint)entry.Gid, path);
        Permissions.Fchmod(file, entry.Mode, path);
        foreach (var (name, value) in entry.Xattrs) ExtendedAttributes.FSet(file, name, value, path);
        FileTimes.FSet(file, entry.AccessTime ?? entry.ModificationTime, entry.ModificationTime, path);
        if (_options.Sync == LayerSyncMode.EachFile) Durability.Fsync(file, path);
    }

    /// <summary>
    /// O_EXCL|O_NOFOLLOW: nothing may stand behind the name but a new file. Whatever had the name (an earlier
    /// entry of the same layer) is removed first; in a fresh layer directory there is nothing, so the name is only
    /// examined when the create fails.
    /// </summary>
    private SafeFileHandle CreateFile(string path)
    {
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            return UnixFile.CreateNew(path, owner);
        }
        catch (LinuxIOException e) when (e.Errno == Errno.EEXIST)
        {
            RemoveExisting(path);
            return UnixFile.CreateNew(path, owner);
        }
    }

    private void MakeSymlink(LayerTarEntry entry, string path)
    {
        // The target is stored verbatim: it is only ever followed through RootedPathResolver, never by the kernel here.
        try
        {
            Links.Symlink(entry.LinkName, path);
        }
        catch (LinuxIOException e) when (e.Errno == Errno.EEXIST)
        {
            RemoveExisting(path);
            Links.Symlink(entry.LinkName, path);
        }
        // No invalidation: every resolution in the resolver's cache runs through names that existed when it was
        // made, and a name that existed can only have become free through RemoveExisting, which invalidates.
        // A link made under a free name therefore lies on no cached path.
        SetOwner(path, entry);
        SetXattrs(path, entry);
        FileTimes.LSet(path, entry.AccessTime ?? entry.ModificationTime, entry.ModificationTime);
    }

    private void MakeHardLink(LayerTarEntry entry, string path)
    {
        var target = EntryNames.Clean(entry.LinkName, entry.Name, "hardlink target");
        if (target.Length == 0) throw EntryNames.Unsafe(entry.Name, "hardlink target is the layer root");
        var (targetParent, targetName) = EntryNames.Split(target);
        var resolvedParent = _resolver.ResolveDirectory(targetParent, entry.Name, create: false)
            ?? throw EntryNames.Unsafe(entry.Name, $"hardlink target {EntryNames.Quote(entry.LinkName)} is not in the layer");
        var targetPath = _resolver.Host(EntryNames.Join(resolvedParent, targetName));
        // The target's final component is not followed: link(2) links a symlink itself, which stays inside.
        if (!FileStatus.TryLstat(targetPath, out var targetStatus, out _))
            throw EntryNames.Unsafe(entry.Name, $"hardlink target {EntryNames.Quote(entry.LinkName)} is not in the layer");
        if (targetStatus.Type == UnixFileType.Directory)
            throw EntryNames.Unsafe(entry.Name, $"hardlink target {EntryNames.Quote(entry.LinkName)} is a directory");
        if (targetPath == path) return;
        // The new name may itself be a symlink (a link to a link); as in MakeSymlink, a new name lies on no
        // cached resolution, and replacing an existing one invalidates through RemoveExisting.
        try
        {
            Links.HardLink(targetPath, path);
        }
        catch (LinuxIOException e) when (e.Errno == Errno.EEXIST)
        {
            RemoveExisting(path);
            Links.HardLink(targetPath, path);
        }
    }

    private void MakeNode(LayerTarEntry entry, string path)
    {
        var type = entry.Type switch
        {
            LayerEntryType.CharacterDevice => UnixFileType.CharacterDevice,
            LayerEntryType.BlockDevice => UnixFileType.BlockDevice,
            _ => UnixFileType.Fifo,
        };
        if (type != UnixFileType.Fifo && !_privileged)
        {
            if (_options.UnprivilegedDevices == DeviceNodePolicy.Fail)
                throw new Oci.BerthException(Oci.ErrorKind.PermissionDenied,
                    $"layer entry {EntryNames.Quote(entry.Name)}: creating device nodes needs root");
            _skipped.Add(entry.Name);
            return;
        }
        RemoveExisting(path);
        DeviceNodes.MakeNode(path, type, UnixFileMode.UserRead | UnixFileMode.UserWrite, entry.DeviceMajor, entry.DeviceMinor);
        SetOwner(path, entry);
        // The node was just created under a resolved, link-free path, so chmod by path cannot be redirected.
        Permissions.Chmod(path, entry.Mode);
        SetXattrs(path, entry);
        FileTimes.LSet(path, entry.AccessTime ?? entry.ModificationTime, entry.ModificationTime);
    }
}
