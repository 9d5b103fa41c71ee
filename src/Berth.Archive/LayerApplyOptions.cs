namespace Berth.Archive;

/// <summary>Choices for <see cref="LayerApplier.ApplyAsync"/>; the defaults suit a root engine unpacking pulled layers.</summary>
public sealed record LayerApplyOptions
{
    public static LayerApplyOptions Default { get; } = new();

    /// <summary>
    /// Whether to act as root: chown entries to their uid/gid and create device nodes. Null means "whether the
    /// process is privileged" (euid 0).
    /// </summary>
    public bool? Privileged { get; init; }

    /// <summary>Device entries when not <see cref="Privileged"/>.</summary>
    public DeviceNodePolicy UnprivilegedDevices { get; init; } = DeviceNodePolicy.Skip;

    public LayerSyncMode Sync { get; init; } = LayerSyncMode.None;

    /// <summary>
    /// Whether to start writing each file's data to disk as soon as it is written, without waiting for it, for a
    /// caller that syncs the layer afterwards: the disk then works while the rest of the layer is unpacked, and the
    /// final sync has little left to wait for. It makes nothing durable by itself.
    /// </summary>
    public bool StartWriteback { get; init; }

    /// <summary>
    /// Whether reading the input and decompressing run as stages of their own, each a few MiB ahead of the
    /// unpacking, so one layer keeps several cores busy. Off, the layer is applied in one sequential chain of reads.
    /// </summary>
    public bool Pipelined { get; init; } = true;

    /// <summary>Read size from the decompressor; large reads keep hashing and syscalls per byte low.</summary>
    public int BufferSize { get; init; } = 1 << 20;
}
