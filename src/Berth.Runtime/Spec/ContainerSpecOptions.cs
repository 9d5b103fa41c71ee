using Berth.Runtime.Options;

namespace Berth.Runtime.Spec;

/// <summary>
/// Everything <see cref="SpecBuilder.Build"/> needs, already resolved by the caller: the image config merged
/// with run options, the user turned into ids, volumes turned into mounts, devices stat'ed, host files written.
/// Unset resources (null or 0) leave the runtime's defaults, as docker does.
/// </summary>
public sealed record ContainerSpecOptions
{
    /// <summary>Docker's default /dev/shm size: 64 MiB.</summary>
    public const long DefaultShmSize = 64L * 1024 * 1024;

    public required IReadOnlyList<string> Args { get; init; }
    public IReadOnlyList<string> Env { get; init; } = [];
    public string Cwd { get; init; } = "/";
    public uint Uid { get; init; }
    public uint Gid { get; init; }
    public IReadOnlyList<uint> AdditionalGids { get; init; } = [];
    public uint? Umask { get; init; }
    public bool Terminal { get; init; }
    public ConsoleBox? ConsoleSize { get; init; }
    public string? Hostname { get; init; }

    /// <summary>The root filesystem, relative to the bundle directory unless absolute.</summary>
    public string RootfsPath { get; init; } = "rootfs";
    public bool ReadOnlyRootfs { get; init; }

    /// <summary>Binds, volumes and tmpfs mounts; one at a default mount's destination replaces that default.</summary>
    public IReadOnlyList<OciMount> Mounts { get; init; } = [];

    public bool Privileged { get; init; }

    /// <summary>Docker capability names, with or without CAP_, any case; "ALL" adds or drops every one.</summary>
    public IReadOnlyList<string> CapAdd { get; init; } = [];
    public IReadOnlyList<string> CapDrop { get; init; } = [];
    public bool NoNewPrivileges { get; init; }

    /// <summary>The paths of /proc and /sys hidden and made read-only; null means Docker's defaults.</summary>
    public IReadOnlyList<string>? MaskedPaths { get; init; }
    public IReadOnlyList<string>? ReadonlyPaths { get; init; }

    /// <summary>
    /// The capabilities the engine itself holds (its bounding set), or null for all; "every capability" for
    /// a privileged container or --cap-add ALL is limited to these.
    /// </summary>
    public IReadOnlyList<string>? HostCapabilities { get; init; }
    public SeccompMode Seccomp { get; init; } = SeccompMode.Default;

    public NamespaceMode Network { get; init; } = NamespaceMode.Private;
    public NamespaceMode Ipc { get; init; } = NamespaceMode.Private;
    public NamespaceMode Pid { get; init; } = NamespaceMode.Private;
    public NamespaceMode Uts { get; init; } = NamespaceMode.Private;

    /// <summary>Private by default, as docker does on cgroup v2 hosts (its v1 default is the host's).</summary>
    public NamespaceMode Cgroup { get; init; } = NamespaceMode.Private;

    /// <summary>The /dev/shm tmpfs size in bytes for a private IPC namespace.</summary>
    public long ShmSize { get; init; } = DefaultShmSize;

    /// <summary>
    /// Where /dev/shm comes from in a private or joined IPC namespace: null, a tmpfs of <see cref="ShmSize"/>;
    /// a path, a bind of it (the /dev/shm of the container whose IPC namespace is joined); "" none at all
    /// (<c>--ipc none</c>).
    /// </summary>
    public string? ShmSource { get; init; }

    public long? Memory { get; init; }
    public long? MemoryReservation { get; init; }

    /// <summary>Memory plus swap; -1 unlimited; unset with a memory limit means twice the limit (docker's rule).</summary>
    public long? MemorySwap { get; init; }
    public ulong? MemorySwappiness { get; init; }
    public bool? OomKillDisable { get; init; }
    public long NanoCpus { get; init; }
    public long CpuShares { get; init; }
    public long CpuQuota { get; init; }
    public long CpuPeriod { get; init; }
    public string? CpusetCpus { get; init; }
    public string? CpusetMems { get; init; }

    /// <summary>Positive: the limit; negative: unlimited; null or 0: the runtime's default.</summary>
    public long? PidsLimit { get; init; }
    public ushort? BlkioWeight { get; init; }

    public IReadOnlyList<UlimitSpec> Ulimits { get; init; } = [];

    /// <summary>
    /// The host's hard limits by Docker ulimit name ("nofile"); ulong.MaxValue is unlimited. The defaults and
    /// requested ulimits are clamped to them, because a container may not raise a hard limit its parent lacks.
    /// </summary>
    public IReadOnlyDictionary<string, ulong> HostHardLimits { get; init; } = new Dictionary<string, ulong>();

    /// <summary>Devices to create; for a privileged container, every host device.</summary>
    public IReadOnlyList<ContainerDevice> Devices { get; init; } = [];

    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();
    public int OomScoreAdj { get; init; }
    public string? CgroupsPath { get; init; }
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Runs <see cref="InitBinaryPath"/> as PID 1 (docker's --init with tini).</summary>
    public bool Init { get; init; }
    public string? InitBinaryPath { get; init; }

    /// <summary>Host files bound over /etc/hosts, /etc/hostname and /etc/resolv.conf when set.</summary>
    public string? HostsPath { get; init; }
    public string? HostnamePath { get; init; }
    public string? ResolvConfPath { get; init; }

    /// <summary>The host kernel for seccomp minKernel rules; null treats every minKernel as met.</summary>
    public Version? KernelVersion { get; init; }

    /// <summary>
    /// Whether the kernel runs x32 programs (null: ask it). When it does not, the seccomp filter leaves out the
    /// x32 ABI: none of its calls can succeed anyway, and its rules are a third of the filter the runtime compiles
    /// at every start.
    /// </summary>
    public bool? HostRunsX32 { get; init; }
}
