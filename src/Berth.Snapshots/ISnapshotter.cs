namespace Berth.Snapshots;

/// <summary>
/// Manages layered filesystem snapshots and hands them out as <see cref="Mount"/> lists (containerd's snapshotter
/// model). It never sees images: callers meet it only through keys and mounts.
/// <para>
/// Terms. A <b>key</b> names an <i>active</i> snapshot (writable, from <see cref="Prepare"/>) or a <i>view</i>
/// (read-only, from <see cref="View"/>). A <b>name</b> names a <i>committed</i> snapshot (immutable, from
/// <see cref="Commit"/>). Keys and names share one namespace. A <b>parent</b> is always a committed snapshot;
/// an active snapshot or view shows its parent chain's contents, and its own changes land in its own directory.
/// </para>
/// <para>
/// Lifecycle, unpacking a layer: <c>Prepare("extract-&lt;random&gt;", parent: parentChainId)</c> returns mounts;
/// the caller applies the layer tar into the writable directory (<see cref="MountExtensions.WritableDirectory"/>,
/// no mount needed); <c>Commit(chainId, "extract-…")</c> turns the active snapshot into the committed snapshot
/// named by the layer's chain id, which every image with that layer chain then shares. When Commit throws
/// AlreadyExists, another process unpacked the same chain first: the caller removes its own active snapshot and
/// uses the existing one. A container gets <c>Prepare(containerId, imageTopChainId)</c> and mounts it as its rootfs;
/// <c>View</c> gives a read-only rootfs. <see cref="Remove"/> refuses committed snapshots that still have children.
/// </para>
/// Implementations are safe to use from several threads and several processes over one directory.
/// </summary>
public interface ISnapshotter
{
    /// <summary>Driver name as given to <see cref="Snapshotters.Create"/> ("overlay", "native").</summary>
    string Driver { get; }

    /// <summary>The snapshot with this key or name, or null when there is none.</summary>
    SnapshotInfo? Stat(string key);

    /// <summary>
    /// Creates an active snapshot on <paramref name="parent"/> (null: empty) and returns its mounts.
    /// Throws AlreadyExists for a used key, NotFound for a missing parent, InvalidArgument for a parent that is
    /// not committed.
    /// </summary>
    IReadOnlyList<Mount> Prepare(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null);

    /// <summary>Like <see cref="Prepare"/> but read-only; a view can never be committed.</summary>
    IReadOnlyList<Mount> View(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null);

    /// <summary>The mounts of an active snapshot or view (again); NotFound when absent.</summary>
    IReadOnlyList<Mount> Mounts(string key);

    /// <summary>
    /// <see cref="Mounts(string)"/> for an active snapshot that is removed after this use and never committed
    /// (a <c>--rm</c> container's layer): what is written to it need not reach the disk, and a driver may skip
    /// the flushes that cost time at unmount.
    /// </summary>
    IReadOnlyList<Mount> DisposableMounts(string key);

    /// <summary>
    /// Turns active snapshot <paramref name="key"/> into committed snapshot <paramref name="name"/>; the key is
    /// gone afterwards. Throws AlreadyExists when <paramref name="name"/> exists (the key is left untouched).
    /// <para>
    /// <paramref name="rebaseOnto"/> (containerd's "rebase" capability) commits the snapshot onto that committed
    /// parent instead of the one it was prepared with. It lets a caller unpack all layers of an image at once,
    /// each prepared without a parent, and chain them when committing in order. Only drivers whose snapshot
    /// directories do not depend on their parents support it (overlay); others throw InvalidArgument.
    /// </para>
    /// </summary>
    void Commit(string name, string key, string? rebaseOnto = null);

    /// <summary>Deletes a snapshot and its directory; Conflict when committed snapshots depend on it.</summary>
    void Remove(string key);

    /// <summary>
    /// <see cref="Remove"/>, returning once the snapshot is gone from the store (its key free, no listing shows
    /// it); the task completes when its files are deleted, on a thread of its own meanwhile, so that a caller
    /// can do other work beside the deletion.
    /// </summary>
    Task RemoveAsync(string key);

    /// <summary>All snapshots, as of one moment.</summary>
    IEnumerable<SnapshotInfo> Walk();

    /// <summary>Bytes on disk of this snapshot's own directory (not its parents), hardlinks counted once.</summary>
    long Usage(string key);

    /// <summary>
    /// Deletes directories that no snapshot record owns: what a crash in the middle of Prepare, Commit or Remove
    /// left behind. Safe to run while other processes use the snapshotter.
    /// </summary>
    void Cleanup();
}
