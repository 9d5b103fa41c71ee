using Berth.Runtime.Spec;

namespace Berth.Runtime.Tests.Spec;

public sealed class SpecBuilderLinuxTests
{
    private static ContainerSpecOptions Options => new() { Args = ["sh"] };

    [Fact]
    public void Namespaces_are_private_by_default_host_ones_are_left_out_and_paths_are_joined()
    {
        var defaults = SpecBuilder.Build(Options).Linux!.Namespaces;
        Assert.Equal(["mount", "network", "uts", "pid", "ipc", "cgroup"], defaults.Select(n => n.Type));
        Assert.All(defaults, n => Assert.Null(n.Path));
        var spec = SpecBuilder.Build(Options with
        {
            Network = NamespaceMode.Join("/proc/42/ns/net"), Pid = NamespaceMode.Host, Uts = NamespaceMode.Host, Hostname = "box",
        });
        Assert.Equal(["mount", "network", "ipc", "cgroup"], spec.Linux!.Namespaces.Select(n => n.Type));
        Assert.Equal("/proc/42/ns/net", spec.Linux.Namespaces[1].Path);
        Assert.Null(spec.Hostname);
    }

    [Fact]
    public void Hostname_is_set_for_a_private_uts_namespace() =>
        Assert.Equal("box", SpecBuilder.Build(Options with { Hostname = "box" }).Hostname);

    [Fact]
    public void An_empty_namespace_path_is_refused() =>
        Invalid.Throws("network namespace path is empty", () => SpecBuilder.Build(Options with { Network = NamespaceMode.Join("") }));

    [Fact]
    public void Private_network_gets_dockers_unprivileged_port_and_ping_sysctls_unless_given()
    {
        var sysctl = SpecBuilder.Build(Options with { Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_unprivileged_port_start"] = "80" } })
            .Linux!.Sysctl!;
        Assert.Equal("80", sysctl["net.ipv4.ip_unprivileged_port_start"]);
        Assert.Equal("0 2147483647", sysctl["net.ipv4.ping_group_range"]);
        Assert.Empty(SpecBuilder.Build(Options with { Network = NamespaceMode.Host }).Linux!.Sysctl!);
    }

    [Fact]
    public void Device_rules_deny_all_then_allow_dockers_list_and_the_given_devices()
    {
        var device = new ContainerDevice { PathInContainer = "/dev/fuse", Type = 'c', Major = 10, Minor = 229, CgroupPermissions = "rw" };
        var linux = SpecBuilder.Build(Options with { Devices = [device] }).Linux!;
        var rules = linux.Resources!.Devices!;
        Assert.False(rules[0].Allow);
        Assert.Equal("rwm", rules[0].Access);
        Assert.Contains(rules, r => r is { Allow: true, Type: "c", Major: null, Minor: null, Access: "m" });
        Assert.Contains(rules, r => r is { Allow: true, Type: "b", Major: null, Access: "m" });
        Assert.Contains(rules, r => r is { Allow: true, Type: "c", Major: 1, Minor: 3, Access: "rwm" });
        Assert.Contains(rules, r => r is { Allow: true, Type: "c", Major: 136, Minor: null });
        Assert.Equal(new LinuxDeviceCgroup { Allow = true, Type = "c", Major = 10, Minor = 229, Access = "rw" }, rules[^1]);
        var node = Assert.Single(linux.Devices!);
        Assert.Equal(("/dev/fuse", "c", 10L, 229L, 0x1B6u), (node.Path, node.Type, node.Major, node.Minor, node.FileMode!.Value));
    }

    [Fact]
    public void A_device_of_another_type_is_refused() =>
        Invalid.Throws("device /dev/x has type 'p', not c or b", () => SpecBuilder.Build(Options with
        {
            Devices = [new ContainerDevice { PathInContainer = "/dev/x", Type = 'p', Major = 1, Minor = 1 }],
        }));

    [Fact]
    public void No_resources_leave_memory_cpu_and_pids_out()
    {
        var resources = SpecBuilder.Build(Options).Linux!.Resources!;
        Assert.Null(resources.Memory);
        Assert.Null(resources.Cpu);
        Assert.Null(resources.Pids);
    }

    [Fact]
    public void Memory_without_swap_gets_twice_the_limit_as_swap()
    {
        var memory = SpecBuilder.Build(Options with { Memory = 64 << 20, MemoryReservation = 32 << 20 }).Linux!.Resources!.Memory!;
        Assert.Equal((64L << 20, 32L << 20, 128L << 20), (memory.Limit, memory.Reservation, memory.Swap));
        var unlimited = SpecBuilder.Build(Options with { Memory = 64 << 20, MemorySwap = -1 }).Linux!.Resources!.Memory!;
        Assert.Equal(-1, unlimited.Swap);
    }

    [Fact]
    public void Nano_cpus_become_a_quota_over_a_100ms_period()
    {
        var cpu = SpecBuilder.Build(Options with { NanoCpus = 1_500_000_000, CpuShares = 512, CpusetCpus = "0-1", CpusetMems = "0" })
            .Linux!.Resources!.Cpu!;
        Assert.Equal((150_000L, 100_000UL, 512UL, "0-1", "0"), (cpu.Quota!.Value, cpu.Period!.Value, cpu.Shares!.Value, cpu.Cpus, cpu.Mems));
        var tiny = SpecBuilder.Build(Options with { NanoCpus = 10_000_000 }).Linux!.Resources!.Cpu!;
        Assert.Equal(1000L, tiny.Quota);
    }

    [Fact]
    public void Explicit_quota_and_period_pass_through()
    {
        var cpu = SpecBuilder.Build(Options with { CpuQuota = 50000, CpuPeriod = 200000 }).Linux!.Resources!.Cpu!;
        Assert.Equal((50000L, 200000UL), (cpu.Quota!.Value, cpu.Period!.Value));
    }

    [Fact]
    public void Nano_cpus_with_a_quota_or_period_conflict()
    {
        Invalid.Throws("conflicting options: Nano CPUs and CPU Quota cannot both be set",
            () => SpecBuilder.Build(Options with { NanoCpus = 1, CpuQuota = 1 }));
        Invalid.Throws("conflicting options: Nano CPUs and CPU Period cannot both be set",
            () => SpecBuilder.Build(Options with { NanoCpus = 1, CpuPeriod = 1 }));
    }

    [Fact]
    public void Pids_limit_positive_is_kept_negative_is_unlimited()
    {
        Assert.Equal(100, SpecBuilder.Build(Options with { PidsLimit = 100 }).Linux!.Resources!.Pids!.Limit);
        Assert.Equal(-1, SpecBuilder.Build(Options with { PidsLimit = -5 }).Linux!.Resources!.Pids!.Limit);
        Assert.Null(SpecBuilder.Build(Options with { PidsLimit = 0 }).Linux!.Resources!.Pids);
    }

    [Fact]
    public void Cgroups_path_and_annotations_pass_through()
    {
        var spec = SpecBuilder.Build(Options with
        {
            CgroupsPath = "/berth/abc", Annotations = new Dictionary<string, string> { ["org.example"] = "1" },
        });
        Assert.Equal("/berth/abc", spec.Linux!.CgroupsPath);
        Assert.Equal("1", spec.Annotations!["org.example"]);
        Assert.Null(SpecBuilder.Build(Options).Annotations);
    }
}
