using System.Text;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Snapshots;

/// <summary>
/// Which snapshot holds a key, without reading every record: <c>keys/&lt;key&gt;</c> is a symlink whose target
/// is the snapshot's id. Finding a snapshot by scanning took a statx per snapshot on disk, several times in every
/// container start and removal (with a hundred image layers stored, 6 ms of a 60 ms <c>run --rm</c>).
/// <para>
/// A link is only a pointer: a key belongs to the snapshot whose own record names it, so a link left by a crash
/// (to a snapshot that was never renamed into place, or was removed or committed under another key since)
/// points at a record with another key, or at nothing, and counts as absent. Writers keep the index complete
/// under the store's lock: a link is made before its snapshot becomes visible and removed after it is gone.
/// A store written before the index existed gets it built from a scan the first time a writer holds the lock;
/// until then readers scan.
/// </para>
/// </summary>
internal sealed class SnapshotKeyIndex(string root)
{
    // Keys are Berth's own (chain IDs, container IDs, build and extract keys): far shorter than a file name may be.
    private const int MaxNameLength = 240;
    private readonly string _directory = Path.Combine(root, "keys");

    /// <summary>The directory of the links, for fsync after a change that must last.</summary>
    public string Directory => _directory;

    /// <summary>Whether the index is complete; it is created whole, by <see cref="Build"/>.</summary>
    public bool IsComplete => System.IO.Directory.Exists(_directory);

    /// <summary>The id the key's link points at, or null; the caller checks the record it finds there.</summary>
    public string? IdOf(string key) => Links.TryReadLink(LinkPath(key));

    /// <summary>Points the key at <paramref name="id"/>, replacing a link left by a crash.</summary>
    public void Link(string key, string id)
    {
        var link = LinkPath(key);
        var temp = Path.Combine(_directory, $".tmp-{Guid.NewGuid():N}");
        Links.Symlink(id, temp);
        File.Move(temp, link, overwrite: true);
    }

    public void Unlink(string key) => File.Delete(LinkPath(key));

    /// <summary>Creates the index from every snapshot on disk, in a directory renamed into place when complete.</summary>
    public void Build(IEnumerable<StoredSnapshot> all)
    {
        var staging = _directory + $".tmp-{Guid.NewGuid():N}";
        System.IO.Directory.CreateDirectory(staging);
        foreach (var snapshot in all) Links.Symlink(snapshot.Id, Path.Combine(staging, FileName(snapshot.Record.Key)));
        System.IO.Directory.Move(staging, _directory);
    }

    /// <summary>Removes links whose snapshot is gone or holds another key (a crash between two steps); call with the lock held.</summary>
    public void Prune(IReadOnlyDictionary<string, StoredSnapshot> all)
    {
        foreach (var leftover in System.IO.Directory.EnumerateDirectories(Path.GetDirectoryName(_directory)!, "keys.tmp-*"))
            FileTree.Delete(leftover);
        if (!IsComplete) return;
        var current = all.Values.ToDictionary(s => FileName(s.Record.Key), s => s.Id, StringComparer.Ordinal);
        foreach (var link in System.IO.Directory.EnumerateFileSystemEntries(_directory))
        {
            var name = Path.GetFileName(link);
            if (!current.TryGetValue(name, out var id) || Links.TryReadLink(link) != id) File.Delete(link);
        }
    }

    /// <summary>Refuses a key that cannot name a link; checked before anything is written.</summary>
    public static void RequireIndexable(string key)
    {
        if (FileName(key).Length > MaxNameLength) throw BerthException.Invalid($"snapshot key too long: {key}");
    }

    private string LinkPath(string key) => Path.Combine(_directory, FileName(key));

    // Letters, digits and ._:- stay as they are; every other byte becomes %XX, so no key makes a path separator,
    // a dot name or a temp name of the index, and two keys never share a name.
    private static string FileName(string key)
    {
        var name = new StringBuilder(key.Length);
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)':' or (byte)'-' || (b == '.' && name.Length > 0)) name.Append((char)b);
            else name.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return name.ToString();
    }
}
