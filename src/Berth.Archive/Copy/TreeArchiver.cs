using Berth.Linux;

namespace Berth.Archive.Copy;

/// <summary>
/// Tars a host tree as it is on disk: lstat-ed entries (symlinks archived as links, never followed),
/// directories walked depth-first with children in byte order of their names (Go's filepath.Walk order, so
/// the output matches Docker's and is reproducible), a second name of an inode already written becoming a tar
/// hardlink, sockets left out (Docker's archiver skips them: they cannot be recreated from a tar).
/// </summary>
internal sealed class TreeArchiver(TarEntryWriter writer, TreeArchiveOptions options)
{
    private readonly Dictionary<(uint, uint, ulong), string> _inodes = [];

    /// <summary>Adds <paramref name="hostPath"/> (its final component not followed) as <paramref name="archiveName"/>, recursively.</summary>
    public async Task AddAsync(string hostPath, string archiveName, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!FileStatus.TryLstat(hostPath, out var status, out var errno))
        {
            // A running container may delete files while they are archived; a vanished entry is not an error.
            if (errno == Errno.ENOENT) return;
            throw new LinuxIOException("lstat", hostPath, errno);
        }
        if (status.Type == UnixFileType.Socket) return;
        var isDirectory = status.Type == UnixFileType.Directory;
        var name = isDirectory ? archiveName.TrimEnd('/') + "/" : archiveName;
        // Converted before hardlink detection: overlayfs links all whiteouts of a layer to one shared inode.
        if (options.Converter?.Replace(hostPath, name, status) is { } replacement)
        {
            await writer.WriteAsync(replacement, null, ct).ConfigureAwait(false);
            return;
        }

        var header = Header(hostPath, name, status);
        if (!isDirectory && status.LinkCount > 1)
        {
            var key = (status.DeviceMajor, status.DeviceMinor, status.Inode);
            if (_inodes.TryGetValue(key, out var first))
            {
                await writer.WriteAsync(header with { TypeFlag = TarHeader.HardLink, LinkName = first, Size = 0 }, null, ct).ConfigureAwait(false);
                return;
            }
            _inodes[key] = name;
        }
        if (status.Type == UnixFileType.RegularFile && status.Size > 0)
        {
            using var handle = UnixFile.OpenReadOnlyNoFollow(hostPath);
            await writer.WriteFileAsync(header, handle, ct).ConfigureAwait(false);
        }
        else
        {
            await writer.WriteAsync(header, null, ct).ConfigureAwait(false);
        }
        if (!isDirectory) return;
        if (options.Converter?.After(hostPath, name, header) is { } marker) await writer.WriteAsync(marker, null, ct).ConfigureAwait(false);
        foreach (var child in SortedChildren(hostPath))
            await AddAsync(hostPath + "/" + child, name + child, ct).ConfigureAwait(false);
    }

    /// <summary>Names in a directory, ordered by their UTF-8 bytes as Go's sort.Strings orders them.</summary>
    public static List<string> SortedChildren(string directory)
    {
        var names = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(directory)) names.Add(Path.GetFileName(path));
        names.Sort(CompareUtf8);
        return names;
    }

    public static int CompareUtf8(string a, string b) =>
        System.Text.Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b));

    internal TarHeader Header(string hostPath, string name, FileStatus status)
    {
        var mtime = status.ModificationTime.Seconds;
        if (options.ClampTime is { } clamp && mtime > clamp) mtime = clamp;
        var (type, link, size) = status.Type switch
        {
            UnixFileType.Directory => (TarHeader.Directory, "", 0L),
            UnixFileType.SymbolicLink => (TarHeader.Symlink, Links.ReadLink(hostPath), 0L),
            UnixFileType.CharacterDevice => (TarHeader.CharDevice, "", 0L),
            UnixFileType.BlockDevice => (TarHeader.BlockDevice, "", 0L),
            UnixFileType.Fifo => (TarHeader.Fifo, "", 0L),
            _ => (TarHeader.Regular, "", status.Size),
        };
        var device = status.Type is UnixFileType.CharacterDevice or UnixFileType.BlockDevice;
        return new TarHeader
        {
            Name = name,
            TypeFlag = type,
            Mode = status.Permissions,
            Uid = status.Uid,
            Gid = status.Gid,
            Size = size,
            ModificationTime = mtime,
            LinkName = link,
            DeviceMajor = device ? status.RdevMajor : 0,
            DeviceMinor = device ? status.RdevMinor : 0,
            Xattrs = ReadXattrs(hostPath),
        };
    }

    /// <summary>
    /// Every xattr but overlayfs's own (trusted.overlay.*: whiteout and opaque markers, redirects, origin file
    /// handles), which describe this host's layer stack and would mean something else, or nothing, elsewhere.
    /// </summary>
    private static List<KeyValuePair<string, byte[]>> ReadXattrs(string path)
    {
        IReadOnlyList<string> names;
        try
        {
            names = ExtendedAttributes.LList(path);
        }
        catch (LinuxIOException e) when (e.Errno is Errno.ENOTSUP or Errno.ENOENT)
        {
            return [];
        }
        var result = new List<KeyValuePair<string, byte[]>>();
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            if (name.StartsWith(OverlayXattrPrefix, StringComparison.Ordinal)) continue;
            if (ExtendedAttributes.LGet(path, name) is { } value) result.Add(new(name, value));
        }
        return result;
    }

    private const string OverlayXattrPrefix = "trusted.overlay.";
}
