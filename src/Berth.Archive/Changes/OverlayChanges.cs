using Berth.Archive.Copy;
using Berth.Linux;

namespace Berth.Archive.Changes;

/// <summary>
/// <c>docker diff</c> for an overlayfs container: the changes recorded in the upper directory, compared with
/// the lower directories, by the rules of moby's overlay2 driver (pkg/archive OverlayChanges):
/// <list type="bullet">
/// <item>a whiteout is D; an opaque directory is D too (its lower contents are gone), and what it holds now is
/// then reported below it;</item>
/// <item>any other upper entry is C when the path exists in the lower layers, else A; a directory that exists
/// below with the same mode, size and mtime is only a copied-up parent and is not reported by itself;</item>
/// <item>the parent of an A or D entry is reported as C when it was not reported already (moby PR 13590).</item>
/// </list>
/// One deliberate difference: existence below is decided by the merged lower view (whiteouts and opaque
/// directories of lower layers respected, symlinks not followed), where moby stats each layer separately and
/// follows symlinks on the host. The list is ordered by path component by component (the order of moby's
/// walk, with its late parent entries put in place).
/// </summary>
public static class OverlayChanges
{
    public static IReadOnlyList<Change> Compute(string upperDir, IReadOnlyList<string> lowerDirs)
    {
        ArgumentNullException.ThrowIfNull(lowerDirs);
        var root = Path.GetFullPath(upperDir).TrimEnd('/');
        if (!Directory.Exists(root)) throw Oci.BerthException.NotFound($"upper directory {upperDir} does not exist");
        var walk = new Walk(new OverlayLowers(lowerDirs));
        foreach (var child in TreeArchiver.SortedChildren(root)) walk.Visit(root + "/" + child, "/" + child);
        walk.Changes.Sort((a, b) => ComparePaths(a.Path, b.Path));
        return walk.Changes;
    }

    /// <summary>Component by component, each compared by its UTF-8 bytes: "/a/b" before "/a.txt".</summary>
    private static int ComparePaths(string a, string b)
    {
        var x = a.Split('/');
        var y = b.Split('/');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var c = TreeArchiver.CompareUtf8(x[i], y[i]);
            if (c != 0) return c;
        }
        return x.Length.CompareTo(y.Length);
    }

    private sealed class Walk(OverlayLowers lowers)
    {
        private readonly HashSet<string> _changedDirectories = new(StringComparer.Ordinal);

        public List<Change> Changes { get; } = [];

        public void Visit(string hostPath, string path)
        {
            if (!FileStatus.TryLstat(hostPath, out var status, out var errno))
            {
                if (errno == Errno.ENOENT) return;
                throw new LinuxIOException("lstat", hostPath, errno);
            }
            var isDirectory = status.Type == UnixFileType.Directory;
            Record(hostPath, path, status, isDirectory);
            if (!isDirectory) return;
            foreach (var child in TreeArchiver.SortedChildren(hostPath)) Visit(hostPath + "/" + child, path + "/" + child);
        }

        private void Record(string hostPath, string path, FileStatus status, bool isDirectory)
        {
            ChangeKind kind;
            if (OverlayLowers.IsWhiteout(hostPath, status) || (isDirectory && OverlayLowers.IsOpaque(hostPath)))
            {
                kind = ChangeKind.Deleted;
            }
            else if (lowers.Find(path) is { } below)
            {
                if (isDirectory && below.Type == UnixFileType.Directory && SameDirectory(status, below)) return;
                kind = ChangeKind.Modified;
            }
            else
            {
                kind = ChangeKind.Added;
            }
            if (isDirectory) _changedDirectories.Add(path);
            if (kind != ChangeKind.Modified)
            {
                var parent = path[..path.LastIndexOf('/')];
                if (parent.Length > 0 && _changedDirectories.Add(parent)) Changes.Add(new Change(ChangeKind.Modified, parent));
            }
            Changes.Add(new Change(kind, path));
        }

        /// <summary>
        /// moby's test: same size, mode and mtime, where mtimes match when equal or when the seconds match and
        /// either side has no nanoseconds (tar-applied layers carry whole seconds).
        /// </summary>
        private static bool SameDirectory(FileStatus upper, FileStatus lower) =>
            upper.Size == lower.Size && upper.Permissions == lower.Permissions &&
            upper.ModificationTime.Seconds == lower.ModificationTime.Seconds &&
            (upper.ModificationTime.Nanoseconds == lower.ModificationTime.Nanoseconds ||
             upper.ModificationTime.Nanoseconds == 0 || lower.ModificationTime.Nanoseconds == 0);
    }
}
