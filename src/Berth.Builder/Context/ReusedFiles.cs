using Berth.Linux;

namespace Berth.Builder.Context;

/// <summary>
/// Lets a COPY take unchanged regular files from the layer an earlier COPY of the same sources made, as hard
/// links into the new layer's directory, instead of copying them again: after a one-file change to a large
/// context the COPY writes one file. It also collects what the new layer holds (path → content digest) for the
/// next build.
/// <para>
/// Sharing an inode between two layers is safe because neither is ever written in place: the earlier layer is
/// committed, the new one is only written by this COPY, which replaces names (unlink, then create) rather than
/// writing into files, and once committed both are read-only overlay lowerdirs, so a container that writes to
/// such a file gets overlayfs's copy in its own upper directory. A file is linked only when everything its tar
/// entry carries is equal: the content digest recorded for the same path, size, permission bits, owner and
/// mtime, no extended attributes on either side, and a single name (hard links within the source are recreated
/// among the copies). The link is made in the layer directory below the mounted overlay; the overlay notices
/// nothing until the step's next mount, so a name linked here is removed there again before it is written twice.
/// </para>
/// </summary>
public sealed class ReusedFiles
{
    private readonly string _layerDirectory;
    private readonly string? _previousDirectory;
    private readonly IReadOnlyDictionary<string, string>? _previousFiles;
    private readonly Func<string, FileStatus, string?> _digestOf;
    private readonly HashSet<string> _linked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _written = new(StringComparer.Ordinal);

    /// <param name="layerDirectory">The new layer's directory (the overlay upper directory of the step).</param>
    /// <param name="previousDirectory">The earlier layer's own files, or null when there is none.</param>
    /// <param name="previousFiles">The content digests of the earlier layer's regular files by path.</param>
    /// <param name="digestOf">A source file's content digest as the cache key hashed it, or null when not known for this exact stat.</param>
    public ReusedFiles(string layerDirectory, string? previousDirectory, IReadOnlyDictionary<string, string>? previousFiles,
        Func<string, FileStatus, string?> digestOf)
    {
        _layerDirectory = layerDirectory.TrimEnd('/');
        _previousDirectory = previousDirectory?.TrimEnd('/');
        _previousFiles = previousFiles;
        _digestOf = digestOf;
    }

    /// <summary>The regular files this COPY wrote whose content is known, by path in the root filesystem (no leading '/').</summary>
    public IReadOnlyDictionary<string, string> Written => _written;

    /// <summary>How many files were linked rather than copied.</summary>
    public int Linked { get; private set; }

    /// <summary>Before <paramref name="resolved"/> is written again: a link made below the overlay is removed there.</summary>
    internal void Forget(string resolved)
    {
        _written.Remove(resolved);
        if (_linked.Remove(resolved)) File.Delete(_layerDirectory + "/" + resolved);
    }

    /// <summary>Links the earlier layer's file to <paramref name="resolved"/> when it is exactly what a copy would write.</summary>
    internal bool TryLink(string sourceHost, FileStatus source, string resolved, UnixFileMode mode, uint uid, uint gid)
    {
        if (_previousDirectory is null || _previousFiles is null || source.LinkCount > 1) return false;
        if (_digestOf(sourceHost, source) is not { } digest) return false;
        if (!_previousFiles.TryGetValue(resolved, out var had) || had != digest) return false;
        var previous = _previousDirectory + "/" + resolved;
        if (!FileStatus.TryLstat(previous, out var status, out _) || status.Type != UnixFileType.RegularFile || status.Size != source.Size
            || status.Permissions != mode || status.Uid != uid || status.Gid != gid || status.ModificationTime != source.ModificationTime)
            return false;
        if (HasAttributes(sourceHost) || HasAttributes(previous)) return false;
        try
        {
            // EEXIST: the copy removed a lower layer's file there, and overlayfs left a whiteout in its place;
            // ENOENT: the parent directory is only in a lower layer. Either way the file is copied instead.
            Links.HardLink(previous, _layerDirectory + "/" + resolved);
        }
        catch (IOException)
        {
            return false;
        }
        _linked.Add(resolved);
        _written[resolved] = digest;
        Linked++;
        return true;
    }

    /// <summary>
    /// Notes the digest of a file that was copied, when the source still has the stat its digest was taken with:
    /// a file edited while it was copied is left out, so the record never claims content the layer lacks.
    /// </summary>
    internal void Copied(string sourceHost, FileStatus source, string resolved)
    {
        if (_digestOf(sourceHost, source) is not { } digest) return;
        if (!FileStatus.TryLstat(sourceHost, out var now, out _) || now.Size != source.Size || now.ModificationTime != source.ModificationTime
            || now.ChangeTime != source.ChangeTime || now.Inode != source.Inode)
            return;
        _written[resolved] = digest;
    }

    private static bool HasAttributes(string path)
    {
        try
        {
            return ExtendedAttributes.LList(path).Count > 0;
        }
        catch (LinuxIOException)
        {
            return true;
        }
    }
}
