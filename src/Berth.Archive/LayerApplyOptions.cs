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

    /// <summary>Read size from the decompressor; large reads keep hashing and syscalls per byte low.</summary>
    public int BufferSize { get; init; } = 1 << 20;
}
