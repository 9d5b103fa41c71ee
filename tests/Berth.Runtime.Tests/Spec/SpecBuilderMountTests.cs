using Berth.Runtime.Spec;

namespace Berth.Runtime.Tests.Spec;

public sealed class SpecBuilderMountTests
{
    private static ContainerSpecOptions Options => new() { Args = ["sh"] };

    private static OciMount Find(RuntimeSpec spec, string destination) => Assert.Single(spec.Mounts, m => m.Destination == destination);

    [Fact]
    public void Default_mounts_are_dockers_in_dockers_order()
    {
        var spec = SpecBuilder.Build(Options);
        Assert.Equal(
            ["/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm"],
            spec.Mounts.Select(m => m.Destination));
        Assert.Equal(["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"], Find(spec, "/dev/pts").Options!);
        Assert.Contains("ro", Find(spec, "/sys").Options!);
        Assert.Contains("ro", Find(spec, "/sys/fs/cgroup").Options!);
        Assert.Equal("devpts", Find(spec, "/dev/pts").Type);
    }

    [Fact]
    public void Shm_is_a_tmpfs_of_shm_size()
    {
        var shm = Find(SpecBuilder.Build(Options with { ShmSize = 128 * 1024 * 1024 }), "/dev/shm");
        Assert.Equal("tmpfs", shm.Type);
        Assert.Equal(["nosuid", "noexec", "nodev", "mode=1777", "size=134217728"], shm.Options!);
        Assert.Contains("size=67108864", Find(SpecBuilder.Build(Options), "/dev/shm").Options!);
    }

    [Fact]
    public void Host_ipc_binds_the_hosts_shm_and_mounts_an_mqueue_that_shows_the_hosts_queues()
    {
        var spec = SpecBuilder.Build(Options with { Ipc = NamespaceMode.Host });
        Assert.Equal(("bind", "/dev/shm"), (Find(spec, "/dev/shm").Type, Find(spec, "/dev/shm").Source));
        Assert.Equal("mqueue", Find(spec, "/dev/mqueue").Type);
        Assert.DoesNotContain(spec.Linux!.Namespaces, n => n.Type == "ipc");
    }

    [Fact]
    public void Shm_is_a_tmpfs_a_bind_of_a_shared_one_or_absent()
    {
        Assert.Equal("tmpfs", Find(SpecBuilder.Build(Options), "/dev/shm").Type);
        var joined = SpecBuilder.Build(Options with { Ipc = NamespaceMode.Join("/proc/7/ns/ipc"), ShmSource = "/run/berth/c/shm" });
        Assert.Equal(("bind", "/run/berth/c/shm"), (Find(joined, "/dev/shm").Type, Find(joined, "/dev/shm").Source));
        Assert.Contains(joined.Linux!.Namespaces, n => n.Type == "ipc" && n.Path == "/proc/7/ns/ipc");
        Assert.DoesNotContain(SpecBuilder.Build(Options with { ShmSource = "" }).Mounts, m => m.Destination == "/dev/shm");
    }

    [Fact]
    public void Privileged_gets_writable_sys_and_cgroup()
    {
        var spec = SpecBuilder.Build(Options with { Privileged = true });
        Assert.DoesNotContain("ro", Find(spec, "/sys").Options!);
        Assert.DoesNotContain("ro", Find(spec, "/sys/fs/cgroup").Options!);
    }

    [Fact]
    public void A_user_mount_replaces_the_default_at_its_destination()
    {
        var shm = new OciMount { Destination = "/dev/shm", Type = "bind", Source = "/var/shm", Options = ["rbind"] };
        var spec = SpecBuilder.Build(Options with { Mounts = [shm] });
        Assert.Same(shm, Find(spec, "/dev/shm"));
    }

    [Fact]
    public void A_user_mount_at_dev_replaces_every_default_under_dev()
    {
        var dev = new OciMount { Destination = "/dev", Type = "bind", Source = "/dev", Options = ["rbind"] };
        var spec = SpecBuilder.Build(Options with { Mounts = [dev] });
        Assert.Equal(["/proc", "/sys", "/sys/fs/cgroup", "/dev"], spec.Mounts.Select(m => m.Destination));
    }

    [Fact]
    public void User_mounts_follow_defaults_sorted_by_depth_keeping_order_among_equals()
    {
        OciMount Bind(string destination) => new() { Destination = destination, Type = "bind", Source = "/src", Options = ["rbind"] };
        var spec = SpecBuilder.Build(Options with { Mounts = [Bind("/a/b/c"), Bind("/z"), Bind("/a/b/"), Bind("/a")] });
        Assert.Equal(["/z", "/a", "/a/b/", "/a/b/c"], spec.Mounts.Skip(7).Select(m => m.Destination));
    }

    [Fact]
    public void Host_files_are_bound_rw_with_rprivate_or_ro_on_a_read_only_rootfs()
    {
        var options = Options with { HostsPath = "/h/hosts", HostnamePath = "/h/hostname", ResolvConfPath = "/h/resolv.conf" };
        var spec = SpecBuilder.Build(options);
        Assert.Equal(["rbind", "rprivate"], Find(spec, "/etc/hosts").Options!);
        Assert.Equal("/h/hostname", Find(spec, "/etc/hostname").Source);
        Assert.Equal("/h/resolv.conf", Find(spec, "/etc/resolv.conf").Source);
        var readOnly = SpecBuilder.Build(options with { ReadOnlyRootfs = true });
        Assert.Equal(["rbind", "ro", "rprivate"], Find(readOnly, "/etc/resolv.conf").Options!);
        Assert.True(readOnly.Root!.Readonly);
    }

    [Fact]
    public void A_user_mount_at_etc_hosts_wins_over_the_host_file()
    {
        var hosts = new OciMount { Destination = "/etc/hosts", Type = "bind", Source = "/mine", Options = ["rbind", "ro"] };
        var spec = SpecBuilder.Build(Options with { HostsPath = "/h/hosts", Mounts = [hosts] });
        Assert.Same(hosts, Find(spec, "/etc/hosts"));
    }

    [Fact]
    public void A_read_only_rootfs_makes_sys_defaults_ro_but_keeps_proc_dev_and_shm_writable()
    {
        var spec = SpecBuilder.Build(Options with { ReadOnlyRootfs = true, Privileged = true });
        Assert.Contains("ro", Find(spec, "/sys").Options!);
        Assert.Contains("ro", Find(spec, "/sys/fs/cgroup").Options!);
        foreach (var writable in new[] { "/proc", "/dev", "/dev/pts", "/dev/mqueue", "/dev/shm" })
            Assert.DoesNotContain("ro", Find(spec, writable).Options!);
    }

    [Fact]
    public void A_shared_bind_makes_the_rootfs_rshared_and_a_slave_one_rslave()
    {
        OciMount Bind(string propagation) => new() { Destination = "/m", Type = "bind", Source = "/s", Options = ["rbind", propagation] };
        Assert.Null(SpecBuilder.Build(Options with { Mounts = [Bind("rprivate")] }).Linux!.RootfsPropagation);
        Assert.Equal("rslave", SpecBuilder.Build(Options with { Mounts = [Bind("slave")] }).Linux!.RootfsPropagation);
        Assert.Equal("rshared", SpecBuilder.Build(Options with { Mounts = [Bind("rslave"), Bind("shared")] }).Linux!.RootfsPropagation);
    }

    [Fact]
    public void Masked_and_read_only_paths_are_dockers()
    {
        var linux = SpecBuilder.Build(Options).Linux!;
        Assert.Contains("/proc/kcore", linux.MaskedPaths!);
        Assert.Contains("/sys/firmware", linux.MaskedPaths!);
        Assert.Equal(["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"], linux.ReadonlyPaths!);
    }

    [Fact]
    public void Root_is_the_bundle_relative_rootfs_by_default()
    {
        var root = SpecBuilder.Build(Options).Root!;
        Assert.Equal(("rootfs", false), (root.Path, root.Readonly));
    }
}
