namespace Berth.Runtime.Options;

/// <summary>What a <c>--mount</c> or <c>-v</c> mounts: a host path, a named or anonymous volume, or a tmpfs.</summary>
public enum MountType
{
    Bind,
    Volume,
    Tmpfs,
}
