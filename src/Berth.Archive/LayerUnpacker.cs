using Berth.Linux;

namespace Berth.Archive;

/// <summary>
/// Turns tar entries into files under one root, one entry at a time. Every path goes through
/// <see cref="RootedPathResolver"/>, so nothing is created outside the root; the final component is never
/// followed (existing entries are replaced, as tar replaces them). Directory modes and times are applied in
/// <see cref="Finish"/>, after their contents exist, because writing a child changes the parent's mtime and a
/// read-only mode would block the children.
/// </summary>
internal sealed partial class LayerUnpacker
{
    private readonly RootedPathResolver _resolver;
    private readonly LayerApplyOptions _options;
    private readonly bool _privileged;
    private readonly byte[] _buffer;
    private readonly List<LayerTarEntry> _directories = [];
    private readonly List<string> _skipped = [];

    public LayerUnpacker(string root, LayerApplyOptions options)
    {
        _resolver = new RootedPathResolver(root);
        _options = options;
        _privileged = options.Privileged ?? Environment.IsPrivilegedProcess;
        _buffer = new byte[Math.Max(options.BufferSize, 64 * 1024)];
    }

    public int EntryCount { get; private set; }

    /// <summary>Bytes of regular files and symlink targets written; hardlinks add nothing (they share an inode).</summary>
    public long ContentBytes { get; private set; }

    public IReadOnlyList<string> Skipped => _skipped;

    public async Task ApplyAsync(LayerTarEntry entry, LayerTarReader reader, CancellationToken ct)
    {
        EntryCount++;
        var clean = EntryNames.Clean(entry.Name, entry.Name);
        // The root's own metadata belongs to whoever made the layer directory.
        if (clean.Length == 0) return;
        var (parent, name) = EntryNames.Split(clean);
        if (name.StartsWith(Whiteouts.Prefix, StringComparison.Ordinal))
        {
            ApplyWhiteout(entry, parent, name);
            return;
        }
        if (entry.Uid is < 0 or > uint.MaxValue || entry.Gid is < 0 or > uint.MaxValue)
            throw EntryNames.Unsafe(entry.Name, $"uid/gid {entry.Uid}/{entry.Gid} is out of range");
        var parentPath = _resolver.ResolveDirectory(parent, entry.Name, create: true)!;
        var path = _resolver.Host(EntryNames.Join(parentPath, name));
        switch (entry.Type)
        {
            case LayerEntryType.Directory:
                MakeDirectory(entry, path);
                break;
            case LayerEntryType.RegularFile:
                await WriteFileAsync(entry, path, reader, ct).ConfigureAwait(false);
                ContentBytes += entry.Size;
                break;
            case LayerEntryType.SymbolicLink:
                MakeSymlink(entry, path);
                ContentBytes += System.Text.Encoding.UTF8.GetByteCount(entry.LinkName);
                break;
            case LayerEntryType.HardLink:
                MakeHardLink(entry, path);
                break;
            case LayerEntryType.CharacterDevice or LayerEntryType.BlockDevice or LayerEntryType.Fifo:
                MakeNode(entry, path);
                break;
        }
    }

    /// <summary>Applies deferred directory modes and times, then the requested sync.</summary>
    public void Finish()
    {
        foreach (var entry in _directories)
        {
            var (parent, name) = EntryNames.Split(EntryNames.Clean(entry.Name, entry.Name));
            var parentPath = _resolver.ResolveDirectory(parent, entry.Name, create: false);
            if (parentPath is null) continue;
            var path = _resolver.Host(EntryNames.Join(parentPath, name));
            SafeFileHandleOrNull(path, out var handle);
            // A later entry replaced the directory (with a file or a link): its metadata went with it.
            if (handle is null) continue;
            using (handle)
            {
                Permissions.Fchmod(handle, entry.Mode, path);
                FileTimes.FSet(handle, entry.AccessTime ?? entry.ModificationTime, entry.ModificationTime, path);
                if (_options.Sync == LayerSyncMode.EachFile) Durability.Fsync(handle, path);
            }
        }
        if (_options.Sync == LayerSyncMode.EachFile) Durability.FsyncPath(_resolver.Root);
        if (_options.Sync == LayerSyncMode.FileSystem) Durability.Syncfs(_resolver.Root);
    }

    private static void SafeFileHandleOrNull(string path, out Microsoft.Win32.SafeHandles.SafeFileHandle? handle)
    {
        try
        {
            handle = UnixFile.OpenDirectoryNoFollow(path);
        }
        catch (LinuxIOException e) when (e.Errno is Errno.ENOENT or Errno.ENOTDIR or Errno.ELOOP)
        {
            handle = null;
        }
    }

    /// <summary>Removes whatever has this name, without following it; a directory goes with its contents.</summary>
    private void RemoveExisting(string path)
    {
        if (!FileStatus.TryLstat(path, out var status, out var errno))
        {
            if (errno == Errno.ENOENT) return;
            throw new LinuxIOException("lstat", path, errno);
        }
        // Directory.Delete unlinks symlinks it meets instead of descending into them.
        if (status.Type == UnixFileType.Directory) Directory.Delete(path, recursive: true);
        else File.Delete(path);
        _resolver.Invalidate();
    }

    private void SetOwner(string path, LayerTarEntry entry)
    {
        if (_privileged) Ownership.Lchown(path, (uint)entry.Uid, (uint)entry.Gid);
    }

    private static void SetXattrs(string path, LayerTarEntry entry)
    {
        foreach (var (name, value) in entry.Xattrs) ExtendedAttributes.LSet(path, name, value);
    }
}
