using System.Security.Cryptography;
using Berth.Linux;

namespace Berth.Builder.Context;

/// <summary>
/// Writes copied entries with the metadata BuildKit gives them: mode kept (or <c>--chmod</c>), modification
/// time kept, owner 0:0 for context files, the source owner for other roots, or the <c>--chown</c> ids. Owners
/// are set before modes because chown clears setuid/setgid. Files sharing an inode within one copy stay hard
/// links; fifos, sockets and device nodes are recreated with mknod as BuildKit's copier recreates them.
/// </summary>
internal sealed class EntryWriter(DestinationTree tree, CopyOptions options, ChmodSpec? chmod)
{
    private readonly Dictionary<(uint, uint, ulong), string> _links = [];
    private readonly List<(string Host, Timespec Time)> _directoryTimes = [];
    private const int CopyBufferSize = 1 << 17;
    private byte[]? _buffer;

    public (uint Uid, uint Gid) Owner(FileStatus source, bool isContext)
    {
        if (options.Uid is { } uid) return ((uint)uid, (uint)(options.Gid ?? uid));
        if (options.Gid is { } gid) return (isContext ? 0 : source.Uid, (uint)gid);
        return isContext ? (0, 0) : (source.Uid, source.Gid);
    }

    public UnixFileMode Mode(FileStatus source, bool isDirectory) =>
        chmod?.Apply(source.Permissions, isDirectory) ?? (UnixFileMode)((int)source.Permissions & 0xFFF);

    /// <summary>Applies a source directory's metadata to <paramref name="resolved"/>; its time is set last.</summary>
    public void DirectoryMetadata(string sourceHost, string resolved, FileStatus source, bool isContext)
    {
        var host = tree.Host(resolved);
        var (uid, gid) = Owner(source, isContext);
        Ownership.Lchown(host, uid, gid);
        Permissions.Chmod(host, Mode(source, isDirectory: true));
        CopyAttributes(sourceHost, host);
        _directoryTimes.Add((host, source.ModificationTime));
    }

    /// <summary>
    /// An existing directory the copy wrote into keeps its mode and owner but takes the source directory's
    /// time, as BuildKit's copier does, so the result does not depend on when the copy ran.
    /// </summary>
    public void DirectoryTime(string resolved, FileStatus source) =>
        _directoryTimes.Add((tree.Host(resolved), source.ModificationTime));

    /// <summary>Writes a non-directory <paramref name="source"/> at the resolved destination name.</summary>
    public void Write(string sourceHost, FileStatus source, string resolved, bool isContext)
    {
        options.Reuse?.Forget(resolved);
        tree.Clear(resolved);
        var host = tree.Host(resolved);
        var (uid, gid) = Owner(source, isContext);
        var key = (source.DeviceMajor, source.DeviceMinor, source.Inode);
        if (source.Type != UnixFileType.Directory && source.LinkCount > 1 && _links.TryGetValue(key, out var first))
        {
            Links.HardLink(first, host);
            return;
        }
        switch (source.Type)
        {
            case UnixFileType.RegularFile:
                if (options.Reuse is { } reuse && reuse.TryLink(sourceHost, source, resolved, Mode(source, false), uid, gid)) break;
                CopyFile(sourceHost, host, source, uid, gid);
                options.Reuse?.Copied(sourceHost, source, resolved);
                break;
            case UnixFileType.SymbolicLink:
                Links.Symlink(Links.ReadLink(sourceHost), host);
                Ownership.Lchown(host, uid, gid);
                CopyAttributes(sourceHost, host);
                FileTimes.LSet(host, source.ModificationTime, source.ModificationTime);
                break;
            case UnixFileType.Fifo:
            case UnixFileType.CharacterDevice:
            case UnixFileType.BlockDevice:
            case UnixFileType.Socket:
                DeviceNodes.MakeNode(host, source.Type, Mode(source, false), source.RdevMajor, source.RdevMinor);
                Ownership.Lchown(host, uid, gid);
                Permissions.Chmod(host, Mode(source, false));
                FileTimes.LSet(host, source.ModificationTime, source.ModificationTime);
                break;
            default:
                return;
        }
        if (source.LinkCount > 1) _links[key] = host;
    }

    /// <summary>Sets directory times deepest first, after their content stopped changing them.</summary>
    public void Finish()
    {
        for (var i = _directoryTimes.Count - 1; i >= 0; i--)
            FileTimes.LSet(_directoryTimes[i].Host, _directoryTimes[i].Time, _directoryTimes[i].Time);
        _directoryTimes.Clear();
    }

    /// <summary>
    /// Copies extended attributes; one the destination refuses (user.* on a link, trusted.* without the
    /// capability, a filesystem without xattrs) is skipped, as BuildKit's copier logs and goes on.
    /// </summary>
    private static void CopyAttributes(string sourceHost, string host)
    {
        IReadOnlyList<string> names;
        try
        {
            names = ExtendedAttributes.LList(sourceHost);
        }
        catch (LinuxIOException)
        {
            return;
        }
        foreach (var name in names)
        {
            try
            {
                if (ExtendedAttributes.LGet(sourceHost, name) is { } value) ExtendedAttributes.LSet(host, name, value);
            }
            catch (LinuxIOException)
            {
            }
        }
    }

    /// <summary>
    /// Copies a regular file with plain read(2)/write(2) on raw descriptors: a COPY writes thousands of small
    /// files, and FileStream would add a flock(2) pair per open, a fallocate(2) per create and a thread-pool hop
    /// per asynchronous read or write, which together cost more than the copying.
    /// </summary>
    private void CopyFile(string sourceHost, string host, FileStatus source, uint uid, uint gid)
    {
        using var input = UnixFile.OpenReadOnlyNoFollow(sourceHost);
        // O_CREAT|O_EXCL|O_NOFOLLOW: a symlink planted at the name between Clear and here fails instead of being
        // followed. Owner-only until chown and chmod below give the file its final owner and mode.
        using var output = UnixFile.CreateNew(host, (UnixFileMode)0x180);
        _buffer ??= new byte[CopyBufferSize];
        using var hash = options.Digests is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int read;
        while ((read = DescriptorIO.Read(input, _buffer)) > 0)
        {
            hash?.AppendData(_buffer, 0, read);
            DescriptorIO.Write(output, _buffer.AsSpan(0, read));
        }
        if (hash is not null) options.Digests!.Record(sourceHost, source, Convert.ToHexStringLower(hash.GetHashAndReset()));
        Ownership.Fchown(output, uid, gid, host);
        Permissions.Fchmod(output, Mode(source, false), host);
        // After chown, which drops security.capability: file capabilities survive the copy as in BuildKit.
        CopyAttributes(sourceHost, host);
        FileTimes.FSet(output, source.ModificationTime, source.ModificationTime, host);
    }
}
