using Berth.Archive.Copy;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Builder.Context;

/// <summary>
/// Copies selected sources into a mounted root filesystem with Docker's COPY/ADD rules: a directory source
/// contributes its content (not itself); a destination ending in '/', or several sources, is a directory; an
/// existing directory at the destination receives the source inside it; <c>--parents</c> keeps each source's
/// path; ADD unpacks local tar archives (detected by content, never by name) and downloads URLs.
/// </summary>
public static partial class FileCopier
{
    private const string ManySourcesMessage =
        "When using COPY with more than one source file, the destination must be a directory and end with a /";

    /// <summary>
    /// <paramref name="destination"/> is absolute in the container (the caller joins it with the working
    /// directory). Several sources all produced by one wildcard may target a directory without the trailing
    /// '/'; several named sources may not.
    /// </summary>
    public static async Task CopyAsync(string rootfs, IReadOnlyList<SelectedSource> sources, string destination,
        CopyOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(options);
        var root = RootfsPath.Root(rootfs);
        var chmod = ChmodSpec.Parse(options.Chmod);
        var slash = destination.EndsWith('/') || destination.EndsWith("/.", StringComparison.Ordinal) || destination == ".";
        if (sources.Count > 1 && !slash && sources.Any(s => !s.MatchedByWildcard))
            throw BerthException.Invalid(ManySourcesMessage);
        var (uid, gid) = ParentOwner(options);
        var tree = new DestinationTree(root, uid, gid);
        var writer = new EntryWriter(tree, options, chmod);
        var target = GoPath.InsideRoot(destination);
        var intoDirectory = slash || sources.Count > 1;

        foreach (var source in sources)
        {
            ct.ThrowIfCancellationRequested();
            if (options.IsAdd && options.Unpack != false && !source.IsDirectory &&
                await IsArchiveAsync(source.HostPath, ct).ConfigureAwait(false))
            {
                var (extractTo, _) = tree.EnsureDirectory(target);
                await ExtractAsync(source.HostPath, tree.Host(extractTo), ct).ConfigureAwait(false);
                tree.Forget();
                if (options.Uid is not null || options.Gid is not null)
                {
                    var names = await ArchiveOwnership.ListEntriesAsync(source.HostPath, ct).ConfigureAwait(false);
                    ArchiveOwnership.Chown(tree.Host(extractTo), names, uid, gid);
                }
                continue;
            }
            if (source.IsDirectory)
            {
                var directory = options.Parents ? GoPath.Join(target, source.KeptPath) : target;
                CopyDirectory(tree, writer, source, directory, options.Digests, ct);
                continue;
            }
            var resolved = tree.Resolve(target);
            string fileTarget;
            if (options.Parents) fileTarget = GoPath.Join(target, source.KeptPath);
            else if (intoDirectory || tree.IsDirectory(resolved) || target.Length == 0)
                fileTarget = GoPath.Join(target, GoPath.Base(source.RelativePath));
            else fileTarget = target;
            // A link already at the target is followed (inside the rootfs), as BuildKit resolves the whole path.
            var (parent, name) = Split(tree.Resolve(fileTarget));
            var (parentResolved, _) = tree.EnsureDirectory(parent);
            var status = FileStatus.Lstat(source.HostPath);
            writer.Write(source.HostPath, status, GoPath.Join(parentResolved, name), source.IsContext);
        }
        writer.Finish();
    }

    private static void CopyDirectory(DestinationTree tree, EntryWriter writer, SelectedSource source,
        string target, ContentHasher? digests, CancellationToken ct)
    {
        var (top, created) = tree.EnsureDirectory(target);
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal) { [""] = top };
        foreach (var entry in digests?.Walk(source) ?? SourceTree.Walk(source))
        {
            ct.ThrowIfCancellationRequested();
            if (entry.RelativePath.Length == 0)
            {
                // As in BuildKit's copier, only directories the copy creates take the source's metadata: an existing
                // one keeps its own ("COPY . /" must not chmod '/', nor a rootfs copy chown /usr/lib).
                if (created) writer.DirectoryMetadata(entry.HostPath, top, entry.Status, source.IsContext);
                else writer.DirectoryTime(top, entry.Status);
                continue;
            }
            var (parent, name) = Split(entry.RelativePath);
            var parentResolved = resolved[parent];
            var destination = GoPath.Join(parentResolved, name);
            if (entry.Status.Type == UnixFileType.Directory)
            {
                var (dir, made) = tree.EnsureDirectory(destination);
                resolved[entry.RelativePath] = dir;
                if (made) writer.DirectoryMetadata(entry.HostPath, dir, entry.Status, source.IsContext);
                else writer.DirectoryTime(dir, entry.Status);
                continue;
            }
            writer.Write(entry.HostPath, entry.Status, destination, source.IsContext);
        }
    }

    private static (uint Uid, uint Gid) ParentOwner(CopyOptions options) =>
        options.Uid is { } uid ? ((uint)uid, (uint)(options.Gid ?? uid)) : (0u, (uint)(options.Gid ?? 0));

    private static (string Parent, string Name) Split(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? ("", relative) : (relative[..slash], relative[(slash + 1)..]);
    }
}
