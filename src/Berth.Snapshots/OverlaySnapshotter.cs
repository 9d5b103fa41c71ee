using Berth.Oci;

namespace Berth.Snapshots;

/// <summary>
/// Snapshots as overlayfs layers (driver "overlay", containerd's overlayfs snapshotter): each snapshot owns
/// <c>snapshots/&lt;id&gt;/fs</c>; an active snapshot mounts as an overlay whose upperdir is its fs and whose
/// lowerdirs are its parents' fs directories, nearest first. Metadata layout and crash safety: see
/// <see cref="SnapshotStore"/>.
/// </summary>
public sealed partial class OverlaySnapshotter : ISnapshotter
{
    private readonly SnapshotStore _store;
    private readonly TimeProvider _time;
    private readonly bool _indexOff;

    /// <summary>Opens (creating when needed) an overlay snapshotter rooted at <paramref name="directory"/>.</summary>
    public OverlaySnapshotter(string directory, TimeProvider? time = null)
    {
        _store = new SnapshotStore(directory);
        _time = time ?? TimeProvider.System;
        // As containerd and moby do: where the kernel knows the index feature, turn it off. With index=on overlay
        // records which lower/upper pair a directory was first mounted with and refuses (ESTALE/EBUSY) mounts that
        // share lower layers differently -- which is exactly what shared image layers do.
        _indexOff = File.Exists("/sys/module/overlay/parameters/index");
    }

    public string Driver => "overlay";

    public SnapshotInfo? Stat(string key) => _store.Find(key)?.Record.ToInfo();

    public IReadOnlyList<Mount> Prepare(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null) =>
        Create(key, parent, labels, SnapshotKind.Active);

    public IReadOnlyList<Mount> View(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null) =>
        Create(key, parent, labels, SnapshotKind.View);

    public IReadOnlyList<Mount> Mounts(string key) => BuildMounts(Find(key));

    // Unmounting an overlay syncs its whole upper filesystem, which takes a moment on an idle disk and can take
    // seconds while something else writes; a volatile overlay (Linux 5.10) skips that and every other sync of the
    // upper layer. It leaves a marker that makes the kernel refuse the next mount of the same upper directory
    // (its contents may be torn after a crash); a layer about to be thrown away has nothing to protect, so the
    // marker of an earlier volatile mount is removed instead.
    public IReadOnlyList<Mount> DisposableMounts(string key)
    {
        var snapshot = Find(key);
        var mounts = BuildMounts(snapshot);
        if (!VolatileSupported || mounts is not [{ Type: "overlay" } overlay]) return mounts;
        var marker = Path.Combine(_store.WorkPath(snapshot.Id), "work", "incompat", "volatile");
        if (Directory.Exists(marker)) Directory.Delete(marker, recursive: true);
        return [overlay with { Options = [.. overlay.Options, "volatile"] }];
    }

    private static bool VolatileSupported => Environment.OSVersion.Version >= new Version(5, 10);

    public void Commit(string name, string key, string? rebaseOnto = null)
    {
        RequireKey(name);
        using var held = _store.Lock();
        _store.EnsureIndex();
        var active = Find(key);
        if (active.Record.Kind != SnapshotKind.Active) throw BerthException.Invalid($"snapshot {key} is not active");
        if (_store.Find(name) is not null) throw BerthException.Exists($"snapshot {name} already exists");
        var parent = active.Record.Parent;
        if (rebaseOnto is not null)
        {
            // An overlay layer directory holds only its own changes (whiteouts included), so re-parenting it is a
            // metadata change; the new parent must be committed like any parent.
            if (Find(rebaseOnto).Record.Kind != SnapshotKind.Committed)
                throw BerthException.Invalid($"cannot rebase {key} onto {rebaseOnto}: it is not committed");
            parent = rebaseOnto;
        }
        _store.Update(active.Id, key, active.Record with { Key = name, Kind = SnapshotKind.Committed, Parent = parent });
    }

    public void Remove(string key)
    {
        using var held = _store.Lock();
        _store.Delete(Removable(key).Id, key);
    }

    public Task RemoveAsync(string key)
    {
        string files;
        using (_store.Lock())
        {
            // An active snapshot is a container's layer: its removal need not wait for the disk (the journal
            // commit would stall the rest of the container's removal), since its key never comes back and the
            // collector removes a layer whose container is gone.
            var doomed = Removable(key);
            files = _store.Retire(doomed.Id, key, durable: doomed.Record.Kind != SnapshotKind.Active);
        }
        // Under the lock again: the collector's Cleanup deletes retired directories too.
        return Task.Run(() =>
        {
            using var held = _store.Lock();
            FileTree.Delete(files);
        });
    }

    // Call with the lock held. Only a committed snapshot can be a parent, so only its removal looks at the others.
    private StoredSnapshot Removable(string key)
    {
        _store.EnsureIndex();
        var doomed = Find(key);
        if (doomed.Record.Kind != SnapshotKind.Committed) return doomed;
        var children = _store.Load().Values.Count(s => s.Record.Parent == key);
        if (children > 0)
        {
            throw BerthException.Conflict($"cannot remove snapshot {key}: it is the parent of {children} snapshot(s)");
        }
        return doomed;
    }

    public IEnumerable<SnapshotInfo> Walk() =>
        _store.Load().Values.OrderBy(s => long.Parse(s.Id, System.Globalization.CultureInfo.InvariantCulture))
            .Select(s => s.Record.ToInfo()).ToList();

    public long Usage(string key) => FileTree.Usage(_store.FsPath(Find(key).Id));

    public void Cleanup()
    {
        using var held = _store.Lock();
        _store.Cleanup();
    }

    private IReadOnlyList<Mount> Create(
        string key, string? parent, IReadOnlyDictionary<string, string>? labels, SnapshotKind kind)
    {
        RequireKey(key);
        using var held = _store.Lock();
        _store.EnsureIndex();
        if (_store.Find(key) is not null) throw BerthException.Exists($"snapshot {key} already exists");
        if (parent is not null)
        {
            if (_store.Find(parent) is not { } found) throw BerthException.NotFound($"parent snapshot {parent} not found");
            if (found.Record.Kind != SnapshotKind.Committed)
            {
                throw BerthException.Invalid($"parent snapshot {parent} is not committed");
            }
        }

        var record = new SnapshotRecord(key, parent, kind, _time.GetUtcNow(),
            labels is null ? null : new Dictionary<string, string>(labels, StringComparer.Ordinal));
        var created = new StoredSnapshot(_store.NextId(), record);
        var mounts = BuildMounts(created); // before creating: fails on a chain too long to mount
        // An active snapshot starts empty and is of use only with its container's row or build step, which a crash
        // may lose as well; the metadata database does not wait for the disk on those either. Committing one (and
        // creating a view or a layer) waits.
        _store.Create(created.Id, record, durable: kind != SnapshotKind.Active);
        return mounts;
    }

    private StoredSnapshot Find(string key) =>
        _store.Find(key) ?? throw BerthException.NotFound($"snapshot {key} not found");

    private static void RequireKey(string key)
    {
        if (string.IsNullOrEmpty(key)) throw BerthException.Invalid("snapshot key must not be empty");
        SnapshotKeyIndex.RequireIndexable(key);
    }
}
