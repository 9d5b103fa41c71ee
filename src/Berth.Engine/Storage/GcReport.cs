namespace Berth.Engine.Storage;

/// <summary>What one collection removed.</summary>
internal sealed record GcReport(int Blobs, int Snapshots, long BytesReclaimed);
