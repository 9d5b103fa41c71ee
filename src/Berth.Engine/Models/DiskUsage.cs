namespace Berth.Engine.Models;

/// <summary>What <c>system df</c> reports per kind of object.</summary>
public sealed record DiskUsage(
    long LayersSize,
    IReadOnlyList<ImageSummary> Images,
    int ContainerCount,
    int RunningContainerCount,
    long ContainersSize,
    int VolumeCount,
    long VolumesSize);
