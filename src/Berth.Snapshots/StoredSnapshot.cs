namespace Berth.Snapshots;

/// <summary>A snapshot record together with the id of the directory it lives in.</summary>
internal readonly record struct StoredSnapshot(string Id, SnapshotRecord Record);
