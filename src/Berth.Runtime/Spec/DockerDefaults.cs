namespace Berth.Runtime.Spec;

/// <summary>
/// The constants of docker's default Linux spec (moby oci/defaults.go and daemon/oci_linux.go): masked and
/// read-only /proc and /sys paths, the base device cgroup rules and rlimits.
/// </summary>
public static class DockerDefaults
{
    /// <summary>Bound over with /dev/null (files) or an empty read-only tmpfs (directories) by the runtime.</summary>
    public static IReadOnlyList<string> MaskedPaths { get; } =
    [
        "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
        "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
        "/sys/devices/virtual/powercap",
    ];

    /// <summary>Remounted read-only: kernel tunables a container must not change for the whole host.</summary>
    public static IReadOnlyList<string> ReadonlyPaths { get; } =
        ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    /// <summary>RLIMIT_NOFILE docker gives containers (soft and hard), clamped to the host's hard limit.</summary>
    public const ulong NoFileLimit = 1048576;

    /// <summary>Where docker's --init binary (tini) appears in the container.</summary>
    public const string InitPath = "/sbin/docker-init";

    /// <summary>
    /// Deny everything, then allow mknod of any node and use of the nodes every container has (null, zero, full,
    /// random, urandom, tty, console, ptmx, pts, tun). No rule may deny a device after the wildcard mknod rules:
    /// cgroup v1's device controller cannot punch a hole in a wildcard, and runc refuses such a list.
    /// </summary>
    public static IReadOnlyList<LinuxDeviceCgroup> DeviceRules { get; } =
    [
        new() { Allow = false, Access = "rwm" },
        new() { Allow = true, Type = "c", Access = "m" },
        new() { Allow = true, Type = "b", Access = "m" },
        Char(1, 3), Char(1, 5), Char(1, 7), Char(1, 8), Char(1, 9), Char(5, 0), Char(5, 1), Char(5, 2),
        new() { Allow = true, Type = "c", Major = 136, Access = "rwm" },
        Char(10, 200),
    ];

    private static LinuxDeviceCgroup Char(long major, long minor) =>
        new() { Allow = true, Type = "c", Major = major, Minor = minor, Access = "rwm" };
}
