using System.Text.Json.Serialization;

namespace Berth.Engine.Models;

/// <summary>
/// Docker's container.HostConfig (Engine API <c>POST /containers/create</c>): how the host runs a container.
/// The CLI fills it from <c>run</c>'s flags exactly as the docker CLI does; the engine turns it into a runtime spec.
/// </summary>
public sealed record HostConfig
{
    public IReadOnlyList<string>? Binds { get; init; }
    public string ContainerIDFile { get; init; } = "";
    public LogConfig LogConfig { get; init; } = new();
    public string NetworkMode { get; init; } = "default";
    public IReadOnlyDictionary<string, IReadOnlyList<PortBinding>>? PortBindings { get; init; }
    public RestartPolicy RestartPolicy { get; init; } = new();
    public bool AutoRemove { get; init; }
    public string VolumeDriver { get; init; } = "";
    public IReadOnlyList<string>? VolumesFrom { get; init; }
    public IReadOnlyList<string>? CapAdd { get; init; }
    public IReadOnlyList<string>? CapDrop { get; init; }
    public string CgroupnsMode { get; init; } = "";
    public IReadOnlyList<string> Dns { get; init; } = [];
    public IReadOnlyList<string> DnsOptions { get; init; } = [];
    public IReadOnlyList<string> DnsSearch { get; init; } = [];
    public IReadOnlyList<string>? ExtraHosts { get; init; }
    public IReadOnlyList<string>? GroupAdd { get; init; }
    public string IpcMode { get; init; } = "private";
    public string Cgroup { get; init; } = "";
    public IReadOnlyList<string>? Links { get; init; }
    public int OomScoreAdj { get; init; }
    public string PidMode { get; init; } = "";
    public bool Privileged { get; init; }
    public bool PublishAllPorts { get; init; }
    public bool ReadonlyRootfs { get; init; }
    public IReadOnlyList<string>? SecurityOpt { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Tmpfs { get; init; }
    public string UTSMode { get; init; } = "";
    public string UsernsMode { get; init; } = "";
    public long ShmSize { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Sysctls { get; init; }
    public string Runtime { get; init; } = "runc";
    /// <summary>Docker records the terminal's [height, width] here; berth sizes the terminal at each start instead.</summary>
    public IReadOnlyList<int> ConsoleSize => [0, 0];
    public string Isolation { get; init; } = "";
    public long CpuShares { get; init; }
    public long Memory { get; init; }
    public long NanoCpus { get; init; }
    public string CgroupParent { get; init; } = "";
    // The blkio, realtime, kernel-memory, swappiness and Windows-only limits are Docker's fields that no berth
    // flag sets: they read as Docker shows them unset, so tools that parse inspect find every field.
    public int BlkioWeight { get; init; }
    public IReadOnlyList<string> BlkioWeightDevice => [];
    public IReadOnlyList<string>? BlkioDeviceReadBps { get; init; }
    public IReadOnlyList<string>? BlkioDeviceWriteBps { get; init; }
    public IReadOnlyList<string>? BlkioDeviceReadIOps { get; init; }
    public IReadOnlyList<string>? BlkioDeviceWriteIOps { get; init; }
    public long CpuPeriod { get; init; }
    public long CpuQuota { get; init; }
    public long CpuRealtimePeriod { get; init; }
    public long CpuRealtimeRuntime { get; init; }
    public string CpusetCpus { get; init; } = "";
    public string CpusetMems { get; init; } = "";
    public IReadOnlyList<DeviceMapping> Devices { get; init; } = [];
    public IReadOnlyList<string>? DeviceCgroupRules { get; init; }
    public IReadOnlyList<DeviceRequest>? DeviceRequests { get; init; }
    public long KernelMemory { get; init; }
    public long KernelMemoryTCP { get; init; }
    public long MemoryReservation { get; init; }
    public long MemorySwap { get; init; }
    public long? MemorySwappiness { get; init; }
    public bool? OomKillDisable { get; init; }
    public long? PidsLimit { get; init; }
    public IReadOnlyList<Ulimit>? Ulimits { get; init; }
    public long CpuCount { get; init; }
    public long CpuPercent { get; init; }
    public long IOMaximumIOps { get; init; }
    public long IOMaximumBandwidth { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MountSpecification>? Mounts { get; init; }
    public IReadOnlyList<string>? MaskedPaths { get; init; }
    public IReadOnlyList<string>? ReadonlyPaths { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Init { get; init; }
}
