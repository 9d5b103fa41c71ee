namespace Berth.Snapshots;

/// <summary>
/// The metadata file <c>snapshots/&lt;id&gt;/info.json</c>. The id is the directory name, not a field, so a
/// record can never disagree with the directory it describes.
/// </summary>
internal sealed record SnapshotRecord(
    string Key,
    string? Parent,
    SnapshotKind Kind,
    DateTimeOffset Created,
    Dictionary<string, string>? Labels)
{
    public SnapshotInfo ToInfo() =>
        new(Key, Parent, Kind, Created, Labels ?? new Dictionary<string, string>());
}
