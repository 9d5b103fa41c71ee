namespace Berth.Engine.Models;

/// <summary>What <c>system df</c> reports per kind of object.</summary>
public sealed record DiskUsage(
    long LayersSize,
    IReadOnlyList<ImageSummary> Images,
    int ContainerCount,
    int RunningContainerCount,
    long ContainersSize,
    int VolumeCount,
    long VolumesSize)
{
    /// <summary>The writable layers of containers that are not running: what <c>container prune</c> frees.</summary>
    public long ContainersReclaimable { get; init; }
}
