namespace Berth.Runtime.Oci;

/// <summary>
/// One cgroup statistics sample, the fields <c>docker stats</c> needs. Memory figures are bytes, CPU figures
/// nanoseconds. A limit of 0 means none was reported; an unlimited cgroup v1 memory limit is reported as the
/// kernel's page-rounded maximum (0x7FFFFFFFFFFFF000) and cgroup v2's as <see cref="ulong.MaxValue"/>.
/// </summary>
public sealed record RuntimeStats
{
    public ulong CpuTotalNanoseconds { get; init; }

    public ulong CpuUserNanoseconds { get; init; }

    public ulong CpuKernelNanoseconds { get; init; }

    /// <summary>Per-CPU usage; empty on cgroup v2, which does not account per CPU.</summary>
    public IReadOnlyList<ulong> PerCpuNanoseconds { get; init; } = [];

    public ulong MemoryUsage { get; init; }

    public ulong MemoryLimit { get; init; }

    /// <summary>Peak usage (cgroup v1 max_usage_in_bytes, v2 memory.peak where the runtime reads it).</summary>
    public ulong MemoryMaxUsage { get; init; }

    /// <summary>Page cache: v1 <c>cache</c>/<c>total_cache</c>, v2 <c>file</c>.</summary>
    public ulong MemoryCache { get; init; }

    /// <summary>
    /// Inactive file pages (v1 <c>total_inactive_file</c>, v2 <c>inactive_file</c>); the Docker CLI subtracts
    /// them from usage.
    /// </summary>
    public ulong MemoryInactiveFile { get; init; }

    /// <summary>The raw memory.stat counters under the names the cgroup version uses.</summary>
    public IReadOnlyDictionary<string, ulong> MemoryRaw { get; init; } = new Dictionary<string, ulong>();

    public ulong PidsCurrent { get; init; }

    public ulong PidsLimit { get; init; }

    public ulong BlkioReadBytes { get; init; }

    public ulong BlkioWriteBytes { get; init; }
}
