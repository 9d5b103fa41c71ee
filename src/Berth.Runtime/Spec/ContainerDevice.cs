namespace Berth.Runtime.Spec;

/// <summary>
/// A host device already stat'ed by the caller: where it appears in the container, its type ('c' or 'b'),
/// numbers, mode bits and owner, and the cgroup access it gets ("rwm" or a subset).
/// </summary>
public sealed record ContainerDevice
{
    public required string PathInContainer { get; init; }
    public required char Type { get; init; }
    public required long Major { get; init; }
    public required long Minor { get; init; }
    public uint FileMode { get; init; } = 0x1B6; // 0666
    public uint Uid { get; init; }
    public uint Gid { get; init; }
    public string CgroupPermissions { get; init; } = "rwm";
}
