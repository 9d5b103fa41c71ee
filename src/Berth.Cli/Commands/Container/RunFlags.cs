using Berth.CommandLine;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// The flags <c>run</c> and <c>create</c> share (docker's containerOptions), with docker's names, shorthands,
/// value names and descriptions. <see cref="RunRequestBuilder"/> turns them into an Engine API create request.
/// </summary>
internal sealed class RunFlags
{
    public RunFlags(CliOptionSet options)
    {
        AddHost = options.AddList("add-host", null, "Add a custom host-to-IP mapping (host:ip)", valueName: "list");
        Attach = options.AddList("attach", 'a', "Attach to STDIN, STDOUT or STDERR", valueName: "list");
        CapAdd = options.AddList("cap-add", null, "Add Linux capabilities", valueName: "list");
        CapDrop = options.AddList("cap-drop", null, "Drop Linux capabilities", valueName: "list");
        CidFile = options.AddString("cidfile", null, "Write the container ID to the file", valueName: "string");
        CpuPeriod = options.AddLong("cpu-period", null, "Limit CPU CFS (Completely Fair Scheduler) period", valueName: "int");
        CpuQuota = options.AddLong("cpu-quota", null, "Limit CPU CFS (Completely Fair Scheduler) quota", valueName: "int");
        CpuShares = options.AddLong("cpu-shares", 'c', "CPU shares (relative weight)", valueName: "int");
        Cpus = options.AddString("cpus", null, "Number of CPUs", valueName: "decimal");
        CpusetCpus = options.AddString("cpuset-cpus", null, "CPUs in which to allow execution (0-3, 0,1)", valueName: "string");
        CpusetMems = options.AddString("cpuset-mems", null, "MEMs in which to allow execution (0-3, 0,1)", valueName: "string");
        Device = options.AddList("device", null, "Add a host device to the container", valueName: "list");
        CgroupParent = options.AddString("cgroup-parent", null, "Optional parent cgroup for the container", valueName: "string");
        Cgroupns = options.AddString("cgroupns", null,
            "Cgroup namespace to use (host|private); by default the host's under cgroup v1, a private one under v2", valueName: "string");
        Dns = options.AddList("dns", null, "Set custom DNS servers", valueName: "list");
        DnsOption = options.AddList("dns-option", null, "Set DNS options", valueName: "list");
        DnsSearch = options.AddList("dns-search", null, "Set custom DNS search domains", valueName: "list");
        Domainname = options.AddString("domainname", null, "Container NIS domain name", valueName: "string");
        Entrypoint = options.AddString("entrypoint", null, "Overwrite the default ENTRYPOINT of the image", valueName: "string");
        Env = options.AddList("env", 'e', "Set environment variables", valueName: "list");
        Expose = options.AddList("expose", null, "Expose a port or a range of ports", valueName: "list");
        EnvFile = options.AddList("env-file", null, "Read in a file of environment variables", valueName: "list");
        GroupAdd = options.AddList("group-add", null, "Add additional groups to join", valueName: "list");
        Hostname = options.AddString("hostname", 'h', "Container host name", valueName: "string");
        Init = options.AddBool("init", null, "Run an init inside the container that forwards signals and reaps processes");
        Interactive = options.AddBool("interactive", 'i', "Keep STDIN open even if not attached");
        Ip = options.AddString("ip", null, "IPv4 address (e.g., 172.30.100.104)", valueName: "string");
        Ipc = options.AddString("ipc", null, "IPC mode to use", valueName: "string");
        Label = options.AddList("label", 'l', "Set meta data on a container", valueName: "list");
        LabelFile = options.AddList("label-file", null, "Read in a line delimited file of labels", valueName: "list");
        LogDriver = options.AddString("log-driver", null, "Logging driver for the container", valueName: "string");
        LogOpt = options.AddList("log-opt", null, "Log driver options", valueName: "list");
        MacAddress = options.AddString("mac-address", null, "Container MAC address (e.g., 92:d0:c6:0a:29:33)", valueName: "string");
        Memory = options.AddString("memory", 'm', "Memory limit", valueName: "bytes");
        MemoryReservation = options.AddString("memory-reservation", null, "Memory soft limit", valueName: "bytes");
        MemorySwappiness = options.AddLong("memory-swappiness", null, "Tune container memory swappiness (0 to 100)", defaultValue: -1, valueName: "int");
        MemorySwap = options.AddString("memory-swap", null, "Swap limit equal to memory plus swap: '-1' to enable unlimited swap", valueName: "bytes");
        Mount = options.AddList("mount", null, "Attach a filesystem mount to the container", valueName: "mount");
        Name = options.AddString("name", null, "Assign a name to the container", valueName: "string");
        Network = options.AddString("network", null, "Connect a container to a network", valueName: "network");
        NetworkAlias = options.AddList("network-alias", null, "Add network-scoped alias for the container", valueName: "list");
        OomKillDisable = options.AddBool("oom-kill-disable", null, "Disable OOM Killer");
        OomScoreAdj = options.AddInt("oom-score-adj", null, "Tune host's OOM preferences (-1000 to 1000)", valueName: "int");
        Pid = options.AddString("pid", null, "PID namespace to use", valueName: "string");
        PidsLimit = options.AddLong("pids-limit", null, "Tune container pids limit (set -1 for unlimited)", valueName: "int");
        Platform = options.AddString("platform", null, "Set platform if server is multi-platform capable", valueName: "string");
        Privileged = options.AddBool("privileged", null, "Give extended privileges to this container");
        Publish = options.AddList("publish", 'p', "Publish a container's port(s) to the host", valueName: "list");
        PublishAll = options.AddBool("publish-all", 'P', "Publish all exposed ports to random ports");
        Pull = options.AddString("pull", null, "Pull image before running (\"always\", \"missing\", \"never\")", defaultValue: "missing", valueName: "string");
        Quiet = options.AddBool("quiet", 'q', "Suppress the pull output");
        ReadOnly = options.AddBool("read-only", null, "Mount the container's root filesystem as read only");
        Restart = options.AddString("restart", null, "Restart policy to apply when a container exits", defaultValue: "no", valueName: "string");
        Rm = options.AddBool("rm", null, "Automatically remove the container and its associated anonymous volumes when it exits");
        Runtime = options.AddString("runtime", null, "Runtime to use for this container", valueName: "string");
        SecurityOpt = options.AddList("security-opt", null, "Security Options", valueName: "list");
        ShmSize = options.AddString("shm-size", null, "Size of /dev/shm", valueName: "bytes");
        StopSignal = options.AddString("stop-signal", null, "Signal to stop the container", valueName: "string");
        StopTimeout = options.AddInt("stop-timeout", null, "Timeout (in seconds) to stop a container", valueName: "int");
        Sysctl = options.AddMap("sysctl", null, "Sysctl options", valueName: "map");
        Tmpfs = options.AddList("tmpfs", null, "Mount a tmpfs directory", valueName: "list");
        Tty = options.AddBool("tty", 't', "Allocate a pseudo-TTY");
        Ulimit = options.AddList("ulimit", null, "Ulimit options", valueName: "ulimit");
        Userns = options.AddString("userns", null, "User namespace to use", valueName: "string");
        Uts = options.AddString("uts", null, "UTS namespace to use", valueName: "string");
        VolumesFrom = options.AddList("volumes-from", null, "Mount volumes from the specified container(s)", valueName: "list");
        User = options.AddString("user", 'u', "Username or UID (format: <name|uid>[:<group|gid>])", valueName: "string");
        Volume = options.AddList("volume", 'v', "Bind mount a volume", valueName: "list");
        Workdir = options.AddString("workdir", 'w', "Working directory inside the container", valueName: "string");
    }

    public ListOption AddHost { get; }
    public ListOption Attach { get; }
    public ListOption CapAdd { get; }
    public ListOption CapDrop { get; }
    public StringOption CidFile { get; }
    public LongOption CpuPeriod { get; }
    public LongOption CpuQuota { get; }
    public LongOption CpuShares { get; }
    public StringOption Cpus { get; }
    public StringOption CpusetCpus { get; }
    public StringOption CpusetMems { get; }
    public ListOption Device { get; }
    public StringOption CgroupParent { get; }
    public StringOption Cgroupns { get; }
    public ListOption Dns { get; }
    public ListOption DnsOption { get; }
    public ListOption DnsSearch { get; }
    public StringOption Domainname { get; }
    public StringOption Entrypoint { get; }
    public ListOption Env { get; }
    public ListOption EnvFile { get; }
    public ListOption Expose { get; }
    public ListOption GroupAdd { get; }
    public StringOption Hostname { get; }
    public BoolOption Init { get; }
    public BoolOption Interactive { get; }
    public StringOption Ip { get; }
    public StringOption Ipc { get; }
    public ListOption Label { get; }
    public ListOption LabelFile { get; }
    public StringOption LogDriver { get; }
    public ListOption LogOpt { get; }
    public StringOption MacAddress { get; }
    public StringOption Memory { get; }
    public StringOption MemoryReservation { get; }
    public StringOption MemorySwap { get; }
    public LongOption MemorySwappiness { get; }
    public ListOption Mount { get; }
    public StringOption Name { get; }
    public StringOption Network { get; }
    public ListOption NetworkAlias { get; }
    public BoolOption OomKillDisable { get; }
    public IntOption OomScoreAdj { get; }
    public StringOption Pid { get; }
    public LongOption PidsLimit { get; }
    public StringOption Platform { get; }
    public BoolOption Privileged { get; }
    public ListOption Publish { get; }
    public BoolOption PublishAll { get; }
    public StringOption Pull { get; }
    public BoolOption Quiet { get; }
    public BoolOption ReadOnly { get; }
    public StringOption Restart { get; }
    public BoolOption Rm { get; }
    public StringOption Runtime { get; }
    public ListOption SecurityOpt { get; }
    public StringOption ShmSize { get; }
    public StringOption StopSignal { get; }
    public IntOption StopTimeout { get; }
    public MapOption Sysctl { get; }
    public ListOption Tmpfs { get; }
    public BoolOption Tty { get; }
    public ListOption Ulimit { get; }
    public StringOption Userns { get; }
    public StringOption Uts { get; }
    public ListOption VolumesFrom { get; }
    public StringOption User { get; }
    public ListOption Volume { get; }
    public StringOption Workdir { get; }
}
