namespace Berth.Snapshots;

/// <summary>The three states of a snapshot (containerd's <c>snapshots.Kind</c>).</summary>
public enum SnapshotKind
{
    /// <summary>Writable, created by <see cref="ISnapshotter.Prepare"/>; may become committed.</summary>
    Active,

    /// <summary>Read-only and immutable, created by <see cref="ISnapshotter.Commit"/>; may be a parent.</summary>
    Committed,

    /// <summary>A read-only window on a parent, created by <see cref="ISnapshotter.View"/>; never committed.</summary>
    View,
}
