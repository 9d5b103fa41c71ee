namespace Berth.Snapshots;

/// <summary>
/// What a snapshotter knows about one snapshot. <see cref="Key"/> is the key of an active snapshot or view and
/// the name of a committed one (they share one namespace); <see cref="Parent"/> is the name of the committed
/// snapshot it sits on, or null for a base snapshot.
/// </summary>
public sealed record SnapshotInfo(
    string Key,
    string? Parent,
    SnapshotKind Kind,
    DateTimeOffset Created,
    IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>Same as <see cref="Key"/>; reads better for committed snapshots.</summary>
    public string Name => Key;
}
