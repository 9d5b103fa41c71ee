using System.Globalization;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    // Docker converts /proc/stat's ticks with USER_HZ 100, which Linux fixes for that file on every architecture.
    private const ulong ClockTicksPerSecond = 100;
    private const ulong NanosecondsPerSecond = 1_000_000_000;

    /// <summary>
    /// <c>berth stats</c>: one sample of the container's cgroup counters from the runtime, with the host's CPU
    /// time read right after. A container that is not running (or stops while read) gives a zero sample.
    /// Network counters stay zero: a container shares the host's network or has none, and docker reports neither.
    /// </summary>
    public async Task<ContainerStatsSample> StatsAsync(string input, CancellationToken ct)
    {
        var container = Get(input);
        var zero = new ContainerStatsSample { Id = container.Id, Name = container.Name, Read = _time.GetUtcNow() };
        if (container.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused)) return zero;
        Runtime.Oci.RuntimeStats stats;
        try
        {
            stats = await RuntimeOf(container).StatsAsync(container.Id, ct).ConfigureAwait(false);
        }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound || Get(container.Id).State.Status is not (ContainerStatus.Running or ContainerStatus.Paused))
        {
            return zero;
        }
        var (systemCpu, onlineCpus) = ReadHostCpu();
        var hostMemory = ReadHostMemory();
        return zero with
        {
            Read = _time.GetUtcNow(),
            Running = true,
            CpuTotalNanoseconds = stats.CpuTotalNanoseconds,
            SystemCpuNanoseconds = systemCpu,
            OnlineCpus = onlineCpus,
            MemoryUsage = stats.MemoryUsage,
            // An unlimited cgroup reports a huge number; docker shows the machine's memory instead.
            MemoryLimit = stats.MemoryLimit == 0 || (hostMemory > 0 && stats.MemoryLimit > hostMemory) ? hostMemory : stats.MemoryLimit,
            MemoryStats = stats.MemoryRaw,
            PidsCurrent = stats.PidsCurrent,
            BlockRead = stats.BlkioReadBytes,
            BlockWrite = stats.BlkioWriteBytes,
        };
    }

    /// <summary>
    /// The first line of /proc/stat summed over user, nice, system, idle, iowait, irq and softirq (docker's
    /// getSystemCPUUsage; steal and guest are left out as it does), and the number of per-CPU lines.
    /// </summary>
    internal static (ulong SystemNanoseconds, int OnlineCpus) ParseProcStat(string text)
    {
        ulong ticks = 0;
        var cpus = 0;
        var seenTotal = false;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal)) continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[0] == "cpu")
            {
                if (fields.Length < 8) throw new BerthException(ErrorKind.Internal, "invalid number of cpu fields in /proc/stat");
                foreach (var field in fields.Skip(1).Take(7))
                    ticks += ulong.Parse(field, NumberStyles.None, CultureInfo.InvariantCulture);
                seenTotal = true;
            }
            else
            {
                cpus++;
            }
        }
        if (!seenTotal) throw new BerthException(ErrorKind.Internal, "no cpu line in /proc/stat");
        return (ticks * NanosecondsPerSecond / ClockTicksPerSecond, cpus);
    }

    private static (ulong SystemNanoseconds, int OnlineCpus) ReadHostCpu() => ParseProcStat(File.ReadAllText("/proc/stat"));

    // MemTotal in /proc/meminfo, in bytes; 0 when unreadable.
    private static ulong ReadHostMemory()
    {
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 2 && ulong.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : 0;
        }
        return 0;
    }
}
