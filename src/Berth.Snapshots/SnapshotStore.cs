using System.Globalization;
using System.Text.Json;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Snapshots;

/// <summary>
/// The on-disk layout shared by the drivers: <c>snapshots/&lt;id&gt;/{fs,work,info.json}</c>, <c>lock</c> and
/// <c>next-id</c> under the directory the snapshotter is given. Every state change is one rename, so a crash
/// leaves either the old state or the new one:
/// create builds <c>snapshots/new-&lt;id&gt;</c> completely and renames it to <c>&lt;id&gt;</c>; an update
/// replaces <c>info.json</c> by rename; a delete renames <c>&lt;id&gt;</c> to <c>removing-&lt;id&gt;</c> before
/// deleting it. Readers need no lock; writers hold <see cref="Lock"/> so that checks and changes are atomic
/// across processes. Ids are short decimal numbers so overlay's lowerdir option stays short.
/// <para>
/// A lookup by key goes through <see cref="SnapshotKeyIndex"/>; listing and cleanup load all records, and the
/// store grows by a snapshot per build step, so records already read are remembered by the identity of their
/// <c>info.json</c> (inode and change time): a record is only ever replaced by renaming a new file over it,
/// which gives a new inode, so a remembered record whose file still has the same identity is still current, and
/// a load costs one statx per snapshot, not a read and a parse.
/// </para>
/// </summary>
internal sealed class SnapshotStore
{
    private const string InfoFile = "info.json";
    private const string NewPrefix = "new-", RemovingPrefix = "removing-";

    private readonly string _root;
    private readonly string _snapshots;
    private readonly SnapshotKeyIndex _index;
    private bool _indexComplete;
    private bool _topDirectoryMarked;
    private readonly Dictionary<string, (ulong Inode, Timespec Changed, SnapshotRecord Record)> _read = new(StringComparer.Ordinal);
    private readonly Lock _readGate = new();

    public SnapshotStore(string root)
    {
        _root = Path.GetFullPath(root);
        _snapshots = Path.Combine(_root, "snapshots");
        _index = new SnapshotKeyIndex(_root);
        Directory.CreateDirectory(_snapshots);
    }

    public FileLock Lock() => FileLock.Acquire(Path.Combine(_root, "lock"));

    public string FsPath(string id) => Path.Combine(_snapshots, id, "fs");

    public string WorkPath(string id) => Path.Combine(_snapshots, id, "work");

    /// <summary>Every committed record by key, as found on disk now.</summary>
    public Dictionary<string, StoredSnapshot> Load()
    {
        var all = new Dictionary<string, StoredSnapshot>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in Directory.EnumerateDirectories(_snapshots))
        {
            var id = Path.GetFileName(directory);
            if (!IsId(id)) continue;
            seen.Add(id);
            var record = TryReadRemembered(id, directory);
            if (record is not null) all[record.Key] = new StoredSnapshot(id, record);
        }

        lock (_readGate)
        {
            if (_read.Count > seen.Count)
                foreach (var gone in _read.Keys.Where(id => !seen.Contains(id)).ToList()) _read.Remove(gone);
        }
        return all;
    }

    /// <summary>The snapshot that holds <paramref name="key"/> now, or null: by its index link, or by a scan before a writer built the index.</summary>
    public StoredSnapshot? Find(string key)
    {
        if (!IndexComplete) return Load().TryGetValue(key, out var scanned) ? scanned : null;
        if (_index.IdOf(key) is not { } id || !IsId(id)) return null;
        var record = TryReadRemembered(id, Path.Combine(_snapshots, id));
        return record?.Key == key ? new StoredSnapshot(id, record) : null;
    }

    /// <summary>Builds the key index of a store written before it existed; call with the lock held, before a change.</summary>
    public void EnsureIndex()
    {
        if (IndexComplete) return;
        _index.Build(Load().Values);
        _indexComplete = true;
    }

    // Once complete, the index stays so: only writers change it, and they keep it whole.
    private bool IndexComplete => _indexComplete || (_indexComplete = _index.IsComplete);

    /// <summary>Allocates the next id; call with the lock held.</summary>
    public string NextId()
    {
        var counter = Path.Combine(_root, "next-id");
        // The counter only keeps ids of deleted snapshots from coming back soon, so it is written without waiting
        // for the disk, and it may be lost, torn by a crash or restored from an older backup: an id that a
        // directory holds in any state is never handed out again, and a counter that cannot be read, or is far
        // behind, gives way to a scan of what is on disk.
        var next = ReadCounter(counter) ?? NextIdOnDisk();
        for (var skipped = 0; IdTaken(next); skipped++) next = skipped < 16 ? next + 1 : Math.Max(next + 1, NextIdOnDisk());
        WriteCounter(counter, next + 1);
        return next.ToString(CultureInfo.InvariantCulture);
    }

    private long NextIdOnDisk()
    {
        long next = 1;
        foreach (var directory in Directory.EnumerateDirectories(_snapshots))
        {
            var name = Path.GetFileName(directory);
            var digits = name[(name.IndexOf('-', StringComparison.Ordinal) + 1)..];
            if (IsId(digits) && long.TryParse(digits, CultureInfo.InvariantCulture, out var id)) next = Math.Max(next, id + 1);
        }
        return next;
    }

    private bool IdTaken(long id)
    {
        var name = id.ToString(CultureInfo.InvariantCulture);
        return Directory.Exists(Path.Combine(_snapshots, name)) || Directory.Exists(Path.Combine(_snapshots, NewPrefix + name))
            || Directory.Exists(Path.Combine(_snapshots, RemovingPrefix + name));
    }

    private static long? ReadCounter(string counter)
    {
        try
        {
            return long.TryParse(File.ReadAllText(counter).Trim(), CultureInfo.InvariantCulture, out var stored) && stored > 0 ? stored : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    // Written in place at a fixed width, neither truncated nor replaced by rename: ext4 writes a file's data out
    // at once when a rename replaces it or a truncation empties it, a disk write on every snapshot created.
    private static void WriteCounter(string counter, long value)
    {
        using var handle = File.OpenHandle(counter, FileMode.OpenOrCreate, FileAccess.Write);
        var text = System.Text.Encoding.ASCII.GetBytes(value.ToString("D20", CultureInfo.InvariantCulture));
        RandomAccess.Write(handle, text, 0);
        if (RandomAccess.GetLength(handle) > text.Length) RandomAccess.SetLength(handle, text.Length);
    }

    /// <summary>
    /// Creates <c>snapshots/&lt;id&gt;</c> with empty fs and work directories and its record. Not
    /// <paramref name="durable"/>, it is complete or absent after a crash, but may be absent although created.
    /// </summary>
    public void Create(string id, SnapshotRecord record, bool durable)
    {
        // Each snapshot is a tree of its own. ext4 places a subdirectory beside its parent unless the parent is
        // marked as a top directory; marked, each snapshot lands in a block group of its own. That matters right
        // after an image was removed: ext4 passes over inodes freed in the last minutes when it allocates, so files
        // created where thousands were just deleted cost several times more (a 1 GiB pull right after the previous
        // copy was deleted took 13% longer). Marked by the first create of each process: one that only reads has no
        // need of it.
        if (!_topDirectoryMarked)
        {
            InodeFlags.TryMarkTopDirectory(_snapshots);
            _topDirectoryMarked = true;
        }
        var staging = Path.Combine(_snapshots, NewPrefix + id);
        Directory.CreateDirectory(staging);
        Directory.CreateDirectory(Path.Combine(staging, "fs"));
        Directory.CreateDirectory(Path.Combine(staging, "work"));
        WriteAtomically(Path.Combine(staging, InfoFile), Serialize(record), durable);
        // The key's link before the rename that makes the snapshot visible: a journaling filesystem keeps the
        // order of the two, so a snapshot that survives a crash has its link.
        _index.Link(record.Key, id);
        if (durable) Durability.FsyncPath(_index.Directory);
        Directory.Move(staging, Path.Combine(_snapshots, id));
        if (durable) Durability.FsyncPath(_snapshots);
    }

    /// <summary>
    /// Replaces the record of <c>snapshots/&lt;id&gt;</c>, durably, with the directory's own name; the snapshot
    /// held <paramref name="previousKey"/> until now.
    /// </summary>
    public void Update(string id, string previousKey, SnapshotRecord record)
    {
        if (record.Key != previousKey)
        {
            _index.Link(record.Key, id);
            Durability.FsyncPath(_index.Directory);
        }
        WriteAtomically(Path.Combine(_snapshots, id, InfoFile), Serialize(record));
        // The snapshot may have been created without waiting for the disk (Create); what is committed must last.
        Durability.FsyncPath(_snapshots);
        if (record.Key != previousKey) _index.Unlink(previousKey);
    }

    public void Delete(string id, string key) => FileTree.Delete(Retire(id, key, durable: true));

    /// <summary>
    /// Takes <c>snapshots/&lt;id&gt;</c> out of the store for good (renamed to a removing- name, which
    /// <see cref="Cleanup"/> deletes should its owner not) and returns the path its files are now at. A
    /// <paramref name="durable"/> removal waits for the disk; otherwise a crash may bring the snapshot back, for a
    /// collector that knows its owner is gone to remove (a container's layer, whose key is never used again).
    /// </summary>
    public string Retire(string id, string key, bool durable)
    {
        MountTable.RequireNothingMountedUnder(Path.Combine(_snapshots, id), "snapshot " + key);
        var doomed = Path.Combine(_snapshots, RemovingPrefix + id);
        Directory.Move(Path.Combine(_snapshots, id), doomed);
        if (durable) Durability.FsyncPath(_snapshots);
        // After the rename: until then the snapshot is there, and its link with it.
        _index.Unlink(key);
        return doomed;
    }

    /// <summary>Deletes what no record owns (leftovers of a crash); call with the lock held.</summary>
    public IReadOnlyList<string> Cleanup()
    {
        var removed = new List<string>();
        foreach (var temp in Directory.EnumerateFiles(_root, "next-id.tmp-*")) File.Delete(temp);
        foreach (var entry in Directory.EnumerateFileSystemEntries(_snapshots))
        {
            var name = Path.GetFileName(entry);
            if (IsId(name) && Directory.Exists(entry) && TryRead(entry) is not null)
            {
                foreach (var temp in Directory.EnumerateFiles(entry, InfoFile + ".tmp-*")) File.Delete(temp);
                continue;
            }

            FileTree.Delete(entry);
            removed.Add(entry);
        }

        var all = Load();
        _index.Prune(all);
        // A link lost all the same (written by a berth before the index, or a filesystem that reordered) is
        // made again, so no snapshot on disk stays unreachable by its key.
        if (IndexComplete)
        {
            foreach (var snapshot in all.Values)
            {
                if (Find(snapshot.Record.Key) is null) _index.Link(snapshot.Record.Key, snapshot.Id);
            }
        }
        return removed;
    }

    private static bool IsId(string name) => name.Length > 0 && name.All(char.IsAsciiDigit);

    /// <summary>The record in <c>snapshots/&lt;id&gt;</c>, from memory while its file is the one read before.</summary>
    private SnapshotRecord? TryReadRemembered(string id, string directory)
    {
        if (!FileStatus.TryLstat(Path.Combine(directory, InfoFile), out var status, out _)) return null;
        lock (_readGate)
        {
            if (_read.TryGetValue(id, out var known) && known.Inode == status.Inode && known.Changed == status.ChangeTime) return known.Record;
        }
        var record = TryRead(directory);
        if (record is null) return null;
        // Remembered under the identity taken before the read: a replacement racing the read has another inode.
        lock (_readGate) _read[id] = (status.Inode, status.ChangeTime, record);
        return record;
    }

    private static SnapshotRecord? TryRead(string directory)
    {
        try
        {
            var bytes = File.ReadAllBytes(Path.Combine(directory, InfoFile));
            return SnapshotRecordJson.Read(bytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // removed or renamed away by another process meanwhile
        }
        catch (JsonException e)
        {
            throw new BerthException(ErrorKind.Internal, $"corrupt snapshot metadata in {directory}", e);
        }
    }

    private static byte[] Serialize(SnapshotRecord record) => SnapshotRecordJson.Write(record);

    /// <summary>temp file + fsync + rename + fsync of the directory: the file is old or new, never partial.</summary>
    private static void WriteAtomically(string path, byte[] bytes, bool durable = true)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: durable);
        }

        File.Move(temp, path, overwrite: true);
        if (durable) Durability.FsyncPath(Path.GetDirectoryName(path)!);
    }
}
