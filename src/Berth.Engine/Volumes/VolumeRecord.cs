namespace Berth.Engine.Volumes;

/// <summary>One row of the <c>volumes</c> table; labels and driver options are kept sorted by key.</summary>
internal sealed record VolumeRecord(
    string Name,
    string Driver,
    DateTimeOffset Created,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Options,
    bool Anonymous);
