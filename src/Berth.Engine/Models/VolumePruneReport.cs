namespace Berth.Engine.Models;

/// <summary>What a volume prune removed (Docker API VolumesPruneResponse): names and bytes freed.</summary>
public sealed record VolumePruneReport(IReadOnlyList<string> VolumesDeleted, long SpaceReclaimed);
