namespace Berth.Engine.Models;

/// <summary>
/// One row of <c>docker stats</c>, computed from two samples as the Docker CLI does (its
/// calculateCPUPercentUnix and calculateMemUsageUnixNoCache).
/// </summary>
public sealed record ContainerStatsEntry
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public double CpuPercent { get; init; }

    /// <summary>Usage less inactive file pages: page cache the kernel can drop does not count.</summary>
    public double Memory { get; init; }

    public double MemoryLimit { get; init; }

    public double MemoryPercent { get; init; }

    public double NetworkRx { get; init; }

    public double NetworkTx { get; init; }

    public double BlockRead { get; init; }

    public double BlockWrite { get; init; }

    public ulong PidsCurrent { get; init; }

    /// <summary>
    /// The row for <paramref name="current"/>; CPU % is the container's share of the host's CPU time between
    /// <paramref name="previous"/> and it, scaled to the online CPUs (so one busy core on four reads 100%, not 25%).
    /// Without a previous sample the deltas run from zero.
    /// </summary>
    public static ContainerStatsEntry Between(ContainerStatsSample? previous, ContainerStatsSample current)
    {
        var cpuDelta = (double)current.CpuTotalNanoseconds - (previous?.CpuTotalNanoseconds ?? 0);
        var systemDelta = (double)current.SystemCpuNanoseconds - (previous?.SystemCpuNanoseconds ?? 0);
        var cpuPercent = systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * current.OnlineCpus * 100.0 : 0;
        var memory = (double)MemoryWithoutCache(current);
        return new ContainerStatsEntry
        {
            Id = current.Id,
            Name = current.Name,
            CpuPercent = cpuPercent,
            Memory = memory,
            MemoryLimit = current.MemoryLimit,
            MemoryPercent = current.MemoryLimit != 0 ? memory / current.MemoryLimit * 100.0 : 0,
            NetworkRx = current.NetworkRx,
            NetworkTx = current.NetworkTx,
            BlockRead = current.BlockRead,
            BlockWrite = current.BlockWrite,
            PidsCurrent = current.PidsCurrent,
        };
    }

    // cgroup v1 names the counter total_inactive_file, v2 inactive_file; a counter above usage is ignored.
    private static ulong MemoryWithoutCache(ContainerStatsSample sample)
    {
        if (sample.MemoryStats.TryGetValue("total_inactive_file", out var v1) && v1 < sample.MemoryUsage)
            return sample.MemoryUsage - v1;
        if (sample.MemoryStats.TryGetValue("inactive_file", out var v2) && v2 < sample.MemoryUsage)
            return sample.MemoryUsage - v2;
        return sample.MemoryUsage;
    }
}
