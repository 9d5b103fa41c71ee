namespace Berth.Engine.Models;

/// <summary>
/// One reading of a container's resource use with the host's CPU time beside it, what docker's stats
/// response carries per sample: CPU figures in nanoseconds, memory and I/O in bytes. A container that is not
/// running reads as all zeros, as docker reports it.
/// </summary>
public sealed record ContainerStatsSample
{
    public required string Id { get; init; }

    /// <summary>The container's name, without docker's leading slash.</summary>
    public required string Name { get; init; }

    public required DateTimeOffset Read { get; init; }

    public bool Running { get; init; }

    public ulong CpuTotalNanoseconds { get; init; }

    /// <summary>The host's busy and idle CPU time since boot (/proc/stat), the denominator of CPU %.</summary>
    public ulong SystemCpuNanoseconds { get; init; }

    public int OnlineCpus { get; init; }

    public ulong MemoryUsage { get; init; }

    /// <summary>The cgroup's limit, or the host's memory when it has none (or one above it), as docker caps it.</summary>
    public ulong MemoryLimit { get; init; }

    /// <summary>memory.stat counters under the cgroup version's own names.</summary>
    public IReadOnlyDictionary<string, ulong> MemoryStats { get; init; } = new Dictionary<string, ulong>();

    public ulong PidsCurrent { get; init; }

    public ulong BlockRead { get; init; }

    public ulong BlockWrite { get; init; }

    public ulong NetworkRx { get; init; }

    public ulong NetworkTx { get; init; }
}
