using Berth.Linux;

namespace Berth.Archive;

internal sealed partial class LayerUnpacker
{
    private void MakeDirectory(LayerTarEntry entry, string path)
    {
        // An existing directory is kept (layers add to it); anything else under the name is replaced.
        if (!FileStatus.TryLstat(path, out var status, out _) || status.Type != UnixFileType.Directory)
        {
            RemoveExisting(path);
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        SetOwner(path, entry);
        SetXattrs(path, entry);
        _directories.Add(entry);
    }

    private async Task WriteFileAsync(LayerTarEntry entry, string path, LayerTarReader reader, CancellationToken ct)
    {
        RemoveExisting(path);
        // O_EXCL|O_NOFOLLOW: the name was just cleared, and nothing may stand behind it but a new file.
        using var file = UnixFile.CreateNew(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        long offset = 0;
        int read;
        while ((read = await reader.ReadDataAsync(_buffer, ct).ConfigureAwait(false)) > 0)
        {
            RandomAccess.Write(file, _buffer.AsSpan(0, read), offset);
            offset += read;
        }
        // chown clears setuid/setgid and security.capability, so it goes first, then mode, then xattrs.
        if (_privileged) Ownership.Fchown(file, (uint)entry.Uid, (uint)entry.Gid, path);
        Permissions.Fchmod(file, entry.Mode, path);
        foreach (var (name, value) in entry.Xattrs) ExtendedAttributes.FSet(file, name, value, path);
        FileTimes.FSet(file, entry.AccessTime ?? entry.ModificationTime, entry.ModificationTime, path);
        if (_options.Sync == LayerSyncMode.EachFile) Durability.Fsync(file, path);
    }

    private void MakeSymlink(LayerTarEntry entry, string path)
    {
        RemoveExisting(path);
        // The target is stored verbatim: it is only ever followed through RootedPathResolver, never by the kernel here.
        Links.Symlink(entry.LinkName, path);
        _resolver.Invalidate();
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
        RemoveExisting(path);
        Links.HardLink(targetPath, path);
        // The new name may itself be a symlink (a link to a link), which changes how later paths resolve.
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
