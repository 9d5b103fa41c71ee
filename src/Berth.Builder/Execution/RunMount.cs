namespace Berth.Builder.Execution;

/// <summary>
/// A <c>RUN --mount</c>, resolved: <see cref="RunMountType.Bind"/> binds <see cref="Source"/> (a host path: a
/// context directory or a mounted stage), <see cref="RunMountType.Cache"/> a persistent directory keyed by
/// <see cref="CacheId"/>, <see cref="RunMountType.Tmpfs"/> a fresh tmpfs, <see cref="RunMountType.Secret"/> a
/// file with the secret's bytes. None of them ends up in the step's layer.
/// </summary>
public sealed record RunMount
{
    public required RunMountType Type { get; init; }
    public required string Target { get; init; }
    public string? Source { get; init; }
    public bool ReadWrite { get; init; }
    public string? CacheId { get; init; }
    /// <summary>Cache sharing: shared, private or locked.</summary>
    public string Sharing { get; init; } = "shared";
    public uint? Uid { get; init; }
    public uint? Gid { get; init; }
    public uint? Mode { get; init; }
    public long? Size { get; init; }
    /// <summary>A secret's bytes when they come from memory rather than from <see cref="Source"/>.</summary>
    public byte[]? Content { get; init; }
}
