using Berth.Oci;

namespace Berth.Runtime.Spec;

public static partial class SpecBuilder
{
    // The CFS period docker uses with --cpus: 100 ms in microseconds.
    private const ulong CfsPeriod = 100_000;
    private const long NanosPerSecond = 1_000_000_000;

    private static LinuxResources Resources(ContainerSpecOptions options) => new()
    {
        Devices = DeviceRules(options),
        Memory = Memory(options),
        Cpu = Cpu(options),
        Pids = options.PidsLimit switch
        {
            > 0 and var limit => new LinuxPids { Limit = limit },
            < 0 => new LinuxPids { Limit = -1 },
            _ => null,
        },
        BlockIo = options.BlkioWeight is { } weight ? new LinuxBlockIo { Weight = weight } : null,
    };

    private static List<LinuxDeviceCgroup> DeviceRules(ContainerSpecOptions options)
    {
        if (options.Privileged) return [new LinuxDeviceCgroup { Allow = true, Access = "rwm" }];
        var rules = new List<LinuxDeviceCgroup>(DockerDefaults.DeviceRules);
        foreach (var device in options.Devices)
        {
            rules.Add(new LinuxDeviceCgroup
            {
                Allow = true, Type = device.Type.ToString(), Major = device.Major, Minor = device.Minor,
                Access = device.CgroupPermissions,
            });
        }
        return rules;
    }

    private static LinuxDevice Device(ContainerDevice device)
    {
        if (device.Type is not ('c' or 'b'))
            throw BerthException.Invalid($"device {device.PathInContainer} has type '{device.Type}', not c or b");
        return new LinuxDevice
        {
            Path = device.PathInContainer, Type = device.Type.ToString(), Major = device.Major, Minor = device.Minor,
            FileMode = device.FileMode, Uid = device.Uid, Gid = device.Gid,
        };
    }

    private static LinuxMemory? Memory(ContainerSpecOptions options)
    {
        var limit = options.Memory is > 0 ? options.Memory : null;
        var swap = options.MemorySwap is not (null or 0) ? options.MemorySwap : null;
        // Docker's default for a memory limit without --memory-swap: as much swap as memory.
        if (limit is not null && swap is null) swap = limit * 2;
        var memory = new LinuxMemory
        {
            Limit = limit,
            Reservation = options.MemoryReservation is > 0 ? options.MemoryReservation : null,
            Swap = swap,
            Swappiness = options.MemorySwappiness,
            DisableOomKiller = options.OomKillDisable,
        };
        return memory == new LinuxMemory() ? null : memory;
    }

    private static LinuxCpu? Cpu(ContainerSpecOptions options)
    {
        if (options.NanoCpus > 0 && options.CpuQuota > 0)
            throw BerthException.Invalid("conflicting options: Nano CPUs and CPU Quota cannot both be set");
        if (options.NanoCpus > 0 && options.CpuPeriod > 0)
            throw BerthException.Invalid("conflicting options: Nano CPUs and CPU Period cannot both be set");
        ulong? period = null;
        long? quota = null;
        if (options.NanoCpus > 0)
        {
            period = CfsPeriod;
            quota = (long)((Int128)options.NanoCpus * (long)CfsPeriod / NanosPerSecond);
        }
        if (options.CpuPeriod > 0) period = (ulong)options.CpuPeriod;
        if (options.CpuQuota != 0) quota = options.CpuQuota;
        var cpu = new LinuxCpu
        {
            Shares = options.CpuShares > 0 ? (ulong)options.CpuShares : null,
            Quota = quota,
            Period = period,
            Cpus = string.IsNullOrEmpty(options.CpusetCpus) ? null : options.CpusetCpus,
            Mems = string.IsNullOrEmpty(options.CpusetMems) ? null : options.CpusetMems,
        };
        return cpu == new LinuxCpu() ? null : cpu;
    }

    /// <summary>
    /// Requested ulimits first, then docker's RLIMIT_NOFILE default unless one was requested; every hard limit
    /// is clamped to the host's, since an unprivileged parent cannot raise it and runc would fail the start.
    /// </summary>
    private static List<PosixRlimit> Rlimits(ContainerSpecOptions options)
    {
        var rlimits = new List<PosixRlimit>();
        foreach (var ulimit in options.Ulimits)
            rlimits.Add(Clamp(ulimit.Name, Unlimited(ulimit.Soft), Unlimited(ulimit.Hard)));
        if (!options.Ulimits.Any(u => u.Name == "nofile"))
            rlimits.Add(Clamp("nofile", DockerDefaults.NoFileLimit, DockerDefaults.NoFileLimit));
        return rlimits;

        PosixRlimit Clamp(string name, ulong soft, ulong hard)
        {
            if (options.HostHardLimits.TryGetValue(name, out var host)) hard = Math.Min(hard, host);
            return new PosixRlimit { Type = "RLIMIT_" + name.ToUpperInvariant(), Soft = Math.Min(soft, hard), Hard = hard };
        }

        static ulong Unlimited(long value) => value < 0 ? ulong.MaxValue : (ulong)value;
    }
}
