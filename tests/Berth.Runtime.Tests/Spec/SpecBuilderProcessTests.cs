using Berth.Runtime.Options;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Tests.Spec;

public sealed class SpecBuilderProcessTests
{
    private static readonly string[] DockerCaps =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    private static ContainerSpecOptions Options(params string[] args) => new() { Args = args.Length == 0 ? ["sh"] : args };

    [Fact]
    public void Default_capabilities_are_dockers_fourteen_in_bounding_effective_and_permitted()
    {
        var caps = SpecBuilder.Build(Options()).Process!.Capabilities!;
        Assert.Equal(DockerCaps, caps.Bounding);
        Assert.Equal(DockerCaps, caps.Effective);
        Assert.Equal(DockerCaps, caps.Permitted);
        Assert.Empty(caps.Inheritable);
        Assert.Empty(caps.Ambient);
    }

    [Fact]
    public void Cap_add_and_drop_accept_any_case_with_or_without_prefix()
    {
        var spec = SpecBuilder.Build(Options() with { CapAdd = ["sys_admin", "CAP_NET_ADMIN"], CapDrop = ["Chown", "cap_kill"] });
        var bounding = spec.Process!.Capabilities!.Bounding;
        Assert.Contains("CAP_SYS_ADMIN", bounding);
        Assert.Contains("CAP_NET_ADMIN", bounding);
        Assert.DoesNotContain("CAP_CHOWN", bounding);
        Assert.DoesNotContain("CAP_KILL", bounding);
        Assert.Equal(DockerCaps.Length, bounding.Count);
    }

    [Fact]
    public void Cap_add_ALL_grants_every_capability_but_the_dropped()
    {
        var bounding = SpecBuilder.Build(Options() with { CapAdd = ["ALL"], CapDrop = ["MKNOD"] }).Process!.Capabilities!.Bounding;
        Assert.Equal(CapabilityNames.All.Count - 1, bounding.Count);
        Assert.DoesNotContain("CAP_MKNOD", bounding);
    }

    [Fact]
    public void Cap_drop_ALL_keeps_only_the_added()
    {
        var bounding = SpecBuilder.Build(Options() with { CapAdd = ["chown"], CapDrop = ["all"] }).Process!.Capabilities!.Bounding;
        Assert.Equal(["CAP_CHOWN"], bounding);
    }

    [Fact]
    public void Adding_a_default_capability_does_not_duplicate_it()
    {
        var bounding = SpecBuilder.Build(Options() with { CapAdd = ["CHOWN"] }).Process!.Capabilities!.Bounding;
        Assert.Equal(DockerCaps, bounding);
    }

    [Fact]
    public void An_unknown_capability_is_refused_with_dockers_message() =>
        Invalid.Throws("unknown capability: \"CAP_FLY\"", () => SpecBuilder.Build(Options() with { CapAdd = ["fly"] }));

    [Fact]
    public void Privileged_gets_every_capability_and_no_masks_or_seccomp()
    {
        var spec = SpecBuilder.Build(Options() with { Privileged = true, CapDrop = ["ALL"] });
        Assert.Equal(CapabilityNames.All, spec.Process!.Capabilities!.Bounding);
        Assert.Null(spec.Linux!.MaskedPaths);
        Assert.Null(spec.Linux.ReadonlyPaths);
        Assert.Null(spec.Linux.Seccomp);
        var rule = Assert.Single(spec.Linux.Resources!.Devices!);
        Assert.True(rule.Allow);
        Assert.Null(rule.Type);
        Assert.Equal("rwm", rule.Access);
    }

    [Fact]
    public void Every_capability_is_limited_to_the_hosts_for_privileged_and_add_ALL()
    {
        string[] host = ["CAP_CHOWN", "CAP_SYS_ADMIN", "CAP_KILL"];
        Assert.Equal(["CAP_CHOWN", "CAP_KILL", "CAP_SYS_ADMIN"],
            SpecBuilder.Build(Options() with { Privileged = true, HostCapabilities = host }).Process!.Capabilities!.Bounding);
        Assert.Equal(["CAP_CHOWN", "CAP_SYS_ADMIN"],
            SpecBuilder.Build(Options() with { CapAdd = ["ALL"], CapDrop = ["KILL"], HostCapabilities = host }).Process!.Capabilities!.Bounding);
    }

    [Theory]
    [InlineData(true, new string[0], true)]
    [InlineData(false, new[] { "all" }, true)]
    [InlineData(false, new[] { " ALL ", "chown" }, true)]
    [InlineData(false, new[] { "chown", "cap_sys_admin" }, false)]
    [InlineData(false, new string[0], false)]
    public void Only_privileged_and_add_ALL_ask_for_the_hosts_capabilities(bool privileged, string[] add, bool asks)
    {
        Assert.Equal(asks, CapabilityNames.AsksForEvery(privileged, add));
        // What the engine leaves out when nothing asks must not change the result.
        string[] host = ["CAP_CHOWN", "CAP_SYS_ADMIN"];
        if (!asks)
            Assert.Equal(
                SpecBuilder.Build(Options() with { CapAdd = add, HostCapabilities = host }).Process!.Capabilities!.Bounding,
                SpecBuilder.Build(Options() with { CapAdd = add, HostCapabilities = null }).Process!.Capabilities!.Bounding);
    }

    [Fact]
    public void Process_carries_args_env_cwd_user_terminal_and_oom_score()
    {
        var spec = SpecBuilder.Build(new ContainerSpecOptions
        {
            Args = ["id", "-u"], Env = ["PATH=/bin", "A=b"], Cwd = "/work", Uid = 1000, Gid = 100, AdditionalGids = [10, 20],
            Umask = 0x12, Terminal = true, OomScoreAdj = 500, NoNewPrivileges = true,
        });
        var process = spec.Process!;
        Assert.Equal(["id", "-u"], process.Args);
        Assert.Equal(["PATH=/bin", "A=b"], process.Env);
        Assert.Equal("/work", process.Cwd);
        Assert.Equal(1000u, process.User.Uid);
        Assert.Equal(100u, process.User.Gid);
        Assert.Equal([10u, 20u], process.User.AdditionalGids!);
        Assert.Equal(0x12u, process.User.Umask);
        Assert.True(process.Terminal);
        Assert.True(process.NoNewPrivileges);
        Assert.Equal(500, process.OomScoreAdj);
    }

    [Fact]
    public void An_empty_cwd_is_the_root_and_a_relative_one_is_refused()
    {
        Assert.Equal("/", SpecBuilder.Build(Options() with { Cwd = "" }).Process!.Cwd);
        Invalid.Throws("the working directory 'work' is invalid, it needs to be an absolute path",
            () => SpecBuilder.Build(Options() with { Cwd = "work" }));
    }

    [Fact]
    public void No_command_is_refused() => Invalid.Throws("no command specified", () => SpecBuilder.Build(new() { Args = [] }));

    [Fact]
    public void Init_prefixes_args_with_docker_init_and_binds_the_binary_read_only()
    {
        var spec = SpecBuilder.Build(Options("sleep", "1") with { Init = true, InitBinaryPath = "/usr/bin/tini-static" });
        Assert.Equal(["/sbin/docker-init", "--", "sleep", "1"], spec.Process!.Args);
        var init = Assert.Single(spec.Mounts, m => m.Destination == "/sbin/docker-init");
        Assert.Equal("/usr/bin/tini-static", init.Source);
        Assert.Equal("bind", init.Type);
        Assert.Equal(["bind", "ro"], init.Options!);
        Assert.Same(init, spec.Mounts[^1]);
    }

    [Fact]
    public void Init_without_a_binary_is_refused() =>
        Invalid.Throws("--init needs the path of the init binary on the host", () => SpecBuilder.Build(Options() with { Init = true }));

    [Fact]
    public void Nofile_defaults_to_dockers_limit_clamped_to_the_host_hard_limit()
    {
        var unclamped = Assert.Single(SpecBuilder.Build(Options()).Process!.Rlimits!);
        Assert.Equal(("RLIMIT_NOFILE", 1048576ul, 1048576ul), (unclamped.Type, unclamped.Soft, unclamped.Hard));
        var hostLimits = new Dictionary<string, ulong> { ["nofile"] = 20000 };
        var clamped = Assert.Single(SpecBuilder.Build(Options() with { HostHardLimits = hostLimits }).Process!.Rlimits!);
        Assert.Equal((20000ul, 20000ul), (clamped.Soft, clamped.Hard));
    }

    [Fact]
    public void Requested_ulimits_replace_the_default_and_are_clamped_with_minus_one_as_unlimited()
    {
        var spec = SpecBuilder.Build(Options() with
        {
            Ulimits = [new UlimitSpec("nofile", 1024, 50000), new UlimitSpec("core", -1, -1), new UlimitSpec("nproc", 100, 200)],
            HostHardLimits = new Dictionary<string, ulong> { ["nofile"] = 20000, ["nproc"] = 50 },
        });
        var rlimits = spec.Process!.Rlimits!;
        Assert.Equal(3, rlimits.Count);
        Assert.Equal(("RLIMIT_NOFILE", 1024ul, 20000ul), (rlimits[0].Type, rlimits[0].Soft, rlimits[0].Hard));
        Assert.Equal(("RLIMIT_CORE", ulong.MaxValue, ulong.MaxValue), (rlimits[1].Type, rlimits[1].Soft, rlimits[1].Hard));
        Assert.Equal(("RLIMIT_NPROC", 50ul, 50ul), (rlimits[2].Type, rlimits[2].Soft, rlimits[2].Hard));
    }

    [Fact]
    public void Exec_process_uses_the_container_capabilities_or_all_when_privileged()
    {
        var options = new ExecProcessOptions { Args = ["sh"], ContainerCapabilities = ["CAP_CHOWN"], Uid = 5, Env = ["A=1"], Cwd = "/tmp" };
        var process = SpecBuilder.BuildExecProcess(options);
        Assert.Equal(["CAP_CHOWN"], process.Capabilities!.Effective);
        Assert.Equal(5u, process.User.Uid);
        Assert.Equal("/tmp", process.Cwd);
        Assert.Null(process.ApparmorProfile);
        var privileged = SpecBuilder.BuildExecProcess(options with { Privileged = true });
        Assert.Equal(CapabilityNames.All, privileged.Capabilities!.Bounding);
    }
}
