using System.Text;
using System.Text.Json;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Tests.Spec;

public sealed class SpecJsonTests
{
    private static string Write(RuntimeSpec spec) => JsonSerializer.Serialize(spec, RuntimeSpecJsonContext.Default.RuntimeSpec);

    private static RuntimeSpec Full => SpecBuilder.Build(new ContainerSpecOptions
    {
        Args = ["sh"], Hostname = "box", Memory = 1 << 26, NanoCpus = 500_000_000, PidsLimit = 10, CgroupsPath = "/berth/x",
        Devices = [new ContainerDevice { PathInContainer = "/dev/null2", Type = 'c', Major = 1, Minor = 3 }],
        HostsPath = "/h", Umask = 18, AdditionalGids = [4],
    });

    [Fact]
    public void Spec_json_round_trips_to_the_same_bytes()
    {
        var first = Write(Full);
        var read = JsonSerializer.Deserialize(first, RuntimeSpecJsonContext.Default.RuntimeSpec)!;
        Assert.Equal(first, Write(read));
    }

    [Fact]
    public void Spec_json_is_compact_camel_case_with_nulls_left_out()
    {
        var json = Write(SpecBuilder.Build(new ContainerSpecOptions { Args = ["sh"] }));
        Assert.DoesNotContain("null", json);
        Assert.DoesNotContain("\n", json);
        Assert.DoesNotContain("\"hooks\"", json);
        Assert.StartsWith("{\"ociVersion\":\"1.0.2\",\"process\":{\"terminal\":false,", json);
        using var document = JsonDocument.Parse(json);
        var linux = document.RootElement.GetProperty("linux");
        Assert.Equal("SCMP_ACT_ERRNO", linux.GetProperty("seccomp").GetProperty("defaultAction").GetString());
        Assert.True(linux.GetProperty("resources").GetProperty("devices")[0].TryGetProperty("allow", out _));
        Assert.Equal(1048576ul, document.RootElement.GetProperty("process").GetProperty("rlimits")[0].GetProperty("hard").GetUInt64());
    }

    [Fact]
    public void Memory_and_cpu_serialize_under_their_spec_names()
    {
        using var document = JsonDocument.Parse(Write(Full));
        var resources = document.RootElement.GetProperty("linux").GetProperty("resources");
        Assert.Equal(1 << 26, resources.GetProperty("memory").GetProperty("limit").GetInt64());
        Assert.Equal(50000, resources.GetProperty("cpu").GetProperty("quota").GetInt64());
        Assert.Equal(10, resources.GetProperty("pids").GetProperty("limit").GetInt64());
        Assert.Equal(18u, document.RootElement.GetProperty("process").GetProperty("user").GetProperty("umask").GetUInt32());
    }

    [Fact]
    public void Exec_process_json_stands_alone()
    {
        var process = SpecBuilder.BuildExecProcess(new ExecProcessOptions { Args = ["ls"], ContainerCapabilities = ["CAP_KILL"] });
        var json = JsonSerializer.Serialize(process, RuntimeSpecJsonContext.Default.OciProcess);
        Assert.Equal(
            "{\"terminal\":false,\"user\":{\"uid\":0,\"gid\":0},\"args\":[\"ls\"],\"env\":[],\"cwd\":\"/\",\"capabilities\":{\"bounding\":[\"CAP_KILL\"],\"effective\":[\"CAP_KILL\"],\"permitted\":[\"CAP_KILL\"],\"inheritable\":[],\"ambient\":[]},\"noNewPrivileges\":false}",
            json);
    }
    [Fact]
    public void Process_section_reads_alone_from_a_whole_spec_with_what_an_exec_inherits()
    {
        var spec = Full with
        {
            Process = Full.Process! with
            {
                Cwd = "/work",
                NoNewPrivileges = true,
                Rlimits = [new PosixRlimit { Type = "RLIMIT_NOFILE", Hard = 1 << 20, Soft = 1024 }, new PosixRlimit { Type = "RLIMIT_CORE", Hard = ulong.MaxValue }],
            },
        };
        var read = RuntimeSpecProcess.Read(Encoding.UTF8.GetBytes(Write(spec))).Process!;
        var inherited = spec.Process!;
        Assert.Equal(inherited.Args, read.Args);
        Assert.Equal("/work", read.Cwd);
        Assert.True(read.NoNewPrivileges);
        Assert.Equal(inherited.Rlimits, read.Rlimits);
        Assert.Equal(
            JsonSerializer.Serialize(inherited.Capabilities, RuntimeSpecJsonContext.Default.OciProcess.Options),
            JsonSerializer.Serialize(read.Capabilities, RuntimeSpecJsonContext.Default.OciProcess.Options));
        Assert.NotEmpty(read.Capabilities!.Bounding);
    }

    [Fact]
    public void Process_section_of_a_spec_without_one_is_null()
    {
        Assert.Null(RuntimeSpecProcess.Read("{\"ociVersion\":\"1.0.2\",\"linux\":{\"seccomp\":{}}}"u8.ToArray()).Process);
        Assert.ThrowsAny<JsonException>(() => RuntimeSpecProcess.Read("{\"process\":"u8.ToArray()));
        Assert.ThrowsAny<JsonException>(() => RuntimeSpecProcess.Read("[]"u8.ToArray()));
    }

    [Fact]
    public void Process_writer_by_hand_writes_the_contexts_bytes()
    {
        var full = Full.Process! with
        {
            ConsoleSize = new ConsoleBox { Height = 24, Width = 80 },
            User = new OciUser { Uid = 1000, Gid = 1000, Umask = 18, AdditionalGids = [10, 4294967295] },
            // Escaping must match too: quotes, control and non-ASCII characters, and what the default encoder escapes.
            Args = ["sh", "-c", "echo \"a<b>&'c'\" +\u00e9\u4e2d\t\n\\"],
            Env = ["PATH=/usr/bin", "EMPTY="],
            Cwd = "/wörk dir",
            Rlimits = [new PosixRlimit { Type = "RLIMIT_NOFILE", Hard = ulong.MaxValue, Soft = 1024 }],
            NoNewPrivileges = true,
            OomScoreAdj = -500,
            ApparmorProfile = "docker-default",
        };
        var bare = new OciProcess { Args = ["true"] };
        var exec = SpecBuilder.BuildExecProcess(new ExecProcessOptions { Args = ["ls"], ContainerCapabilities = ["CAP_KILL"] });

        foreach (var process in new[] { full, bare, exec, full with { Capabilities = null, Rlimits = [] } })
        {
            Assert.Equal(
                Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(process, RuntimeSpecJsonContext.Default.OciProcess)),
                Encoding.UTF8.GetString(OciProcessJson.Serialize(process)));
        }
    }

    [Fact]
    public void Spec_writer_by_hand_writes_the_contexts_bytes()
    {
        // Every member set, escaping included, next to what the builder makes for ordinary containers.
        var everything = Full with
        {
            Hostname = "h\u00f6st",
            Root = new OciRoot { Path = "/bundle/rootfs", Readonly = true },
            Mounts = [new OciMount { Destination = "/a" }, new OciMount { Destination = "/b \"q\"", Type = "bind", Source = "/src", Options = ["rbind", "ro"] }],
            Hooks = new OciHooks
            {
                Prestart = [new OciHook { Path = "/bin/p", Args = ["p", "-x"], Env = ["A=1"], Timeout = 5 }],
                CreateRuntime = [new OciHook { Path = "/bin/c" }],
                CreateContainer = [],
                StartContainer = [new OciHook { Path = "/bin/s", Timeout = -1 }],
                Poststart = [new OciHook { Path = "/bin/ps" }],
                Poststop = [new OciHook { Path = "/bin/pst", Args = [] }],
            },
            Annotations = new Dictionary<string, string> { ["org.example/a"] = "b", ["<k>"] = "\u4e2d&" },
            Linux = Full.Linux! with
            {
                UidMappings = [new LinuxIdMapping { ContainerId = 0, HostId = 100000, Size = 65536 }],
                GidMappings = [new LinuxIdMapping { ContainerId = 0, HostId = 4294967295, Size = 1 }],
                Sysctl = new Dictionary<string, string> { ["net.ipv4.ip_forward"] = "1" },
                Resources = new LinuxResources
                {
                    Devices = [new LinuxDeviceCgroup { Allow = false, Access = "rwm" }, new LinuxDeviceCgroup { Allow = true, Type = "c", Major = 1, Minor = -1, Access = "m" }],
                    Memory = new LinuxMemory { Limit = 1 << 30, Reservation = 1, Swap = -1, Kernel = 2, Swappiness = 60, DisableOomKiller = true },
                    Cpu = new LinuxCpu { Shares = 1024, Quota = -1, Period = 100000, Cpus = "0-1", Mems = "0" },
                    Pids = new LinuxPids { Limit = -1 },
                    BlockIo = new LinuxBlockIo { Weight = 500 },
                },
                Devices = [new LinuxDevice { Path = "/dev/x", Type = "c", Major = 1, Minor = 3, FileMode = 438, Uid = 0, Gid = 5 }, new LinuxDevice { Path = "/dev/y", Type = "b", Major = 8, Minor = 0 }],
                Seccomp = new LinuxSeccomp
                {
                    DefaultAction = "SCMP_ACT_ERRNO", DefaultErrnoRet = 1, Architectures = ["SCMP_ARCH_X86_64"], Flags = ["SECCOMP_FILTER_FLAG_LOG"],
                    Syscalls = [new LinuxSyscall { Names = ["clone"], Action = "SCMP_ACT_ALLOW", ErrnoRet = 38, Args = [new LinuxSeccompArg { Index = 0, Value = ulong.MaxValue, ValueTwo = 7, Op = "SCMP_CMP_MASKED_EQ" }] }],
                },
                RootfsPropagation = "rprivate",
                CgroupsPath = "/berth/\u00e9",
            },
        };
        RuntimeSpec[] specs =
        [
            everything,
            Full,
            SpecBuilder.Build(new ContainerSpecOptions { Args = ["sh"] }),
            SpecBuilder.Build(new ContainerSpecOptions { Args = ["sh"], Privileged = true, ReadOnlyRootfs = true, Terminal = true, ConsoleSize = new ConsoleBox { Height = 24, Width = 80 } }),
            new RuntimeSpec(),
            everything with { Process = null, Root = null, Hooks = new OciHooks(), Linux = new LinuxConfig { Resources = new LinuxResources(), Seccomp = new LinuxSeccomp { DefaultAction = "SCMP_ACT_ALLOW" } } },
        ];

        foreach (var spec in specs)
            Assert.Equal(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(spec, RuntimeSpecJsonContext.Default.RuntimeSpec)), Encoding.UTF8.GetString(RuntimeSpecJson.Serialize(spec)));
    }
}
