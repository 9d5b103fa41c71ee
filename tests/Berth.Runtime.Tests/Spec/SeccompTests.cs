using System.Runtime.InteropServices;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Tests.Spec;

public sealed class SeccompTests
{
    private static ContainerSpecOptions Options => new() { Args = ["sh"] };

    private static LinuxSeccomp Seccomp(ContainerSpecOptions options) => SpecBuilder.Build(options).Linux!.Seccomp!;

    private static bool Allows(LinuxSeccomp seccomp, string name) =>
        seccomp.Syscalls!.Any(s => s.Action == "SCMP_ACT_ALLOW" && s.Args is null && s.Names.Contains(name));

    [Fact]
    public void Default_profile_denies_with_eperm_and_allows_the_common_syscalls()
    {
        var seccomp = Seccomp(Options);
        Assert.Equal(("SCMP_ACT_ERRNO", 1u), (seccomp.DefaultAction, seccomp.DefaultErrnoRet!.Value));
        Assert.True(Allows(seccomp, "read"));
        Assert.True(Allows(seccomp, "execve"));
        Assert.True(Allows(seccomp, "chroot"));
        Assert.False(Allows(seccomp, "mount"));
        Assert.False(Allows(seccomp, "reboot"));
        Assert.False(Allows(seccomp, "kcmp"));
    }

    [Fact]
    public void Default_profile_covers_the_native_architecture_and_its_compat_ones()
    {
        var architectures = Seccomp(Options with { HostRunsX32 = true }).Architectures!;
        if (RuntimeInformation.OSArchitecture == Architecture.X64)
            Assert.Equal(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"], architectures);
        else if (RuntimeInformation.OSArchitecture == Architecture.Arm64)
            Assert.Equal(["SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"], architectures);
        else Assert.NotEmpty(architectures);
    }

    [Fact]
    public void A_kernel_without_the_x32_abi_gets_no_x32_filter_but_keeps_the_32_bit_one()
    {
        var architectures = Seccomp(Options with { HostRunsX32 = false }).Architectures!;
        Assert.DoesNotContain("SCMP_ARCH_X32", architectures);
        if (RuntimeInformation.OSArchitecture == Architecture.X64)
            Assert.Equal(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"], architectures);
    }

    [Fact]
    public void The_x32_probe_agrees_with_the_kernel_build()
    {
        // The kernel's own configuration settles it only when the ABI was left out at build time; when built in,
        // a boot option may still turn it off.
        if (RuntimeInformation.OSArchitecture != Architecture.X64 || !File.Exists("/proc/config.gz")) return;
        using var config = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead("/proc/config.gz"), System.IO.Compression.CompressionMode.Decompress));
        if (config.ReadToEnd().Contains("# CONFIG_X86_X32_ABI is not set", StringComparison.Ordinal))
            Assert.False(Berth.Linux.KernelAbi.RunsX32());
    }

    [Fact]
    public void Clone_is_limited_to_no_namespace_flags_and_clone3_returns_enosys_without_sys_admin()
    {
        var seccomp = Seccomp(Options);
        var clone = Assert.Single(seccomp.Syscalls!, s => s.Names.SequenceEqual(["clone"]));
        var arg = Assert.Single(clone.Args!);
        Assert.Equal(("SCMP_CMP_MASKED_EQ", 2114060288ul), (arg.Op, arg.Value));
        var clone3 = Assert.Single(seccomp.Syscalls!, s => s.Names.SequenceEqual(["clone3"]));
        Assert.Equal(("SCMP_ACT_ERRNO", 38u), (clone3.Action, clone3.ErrnoRet!.Value));
    }

    [Fact]
    public void Sys_admin_opens_mount_and_plain_clone()
    {
        var seccomp = Seccomp(Options with { CapAdd = ["SYS_ADMIN"] });
        Assert.True(Allows(seccomp, "mount"));
        Assert.True(Allows(seccomp, "clone"));
        Assert.DoesNotContain(seccomp.Syscalls!, s => s.Names.SequenceEqual(["clone3"]));
    }

    [Fact]
    public void Sys_ptrace_opens_kcmp_and_a_dropped_sys_chroot_closes_chroot()
    {
        Assert.True(Allows(Seccomp(Options with { CapAdd = ["SYS_PTRACE"] }), "kcmp"));
        Assert.False(Allows(Seccomp(Options with { CapDrop = ["SYS_CHROOT"] }), "chroot"));
    }

    [Fact]
    public void Ptrace_needs_kernel_4_8_when_the_kernel_is_known()
    {
        Assert.True(Allows(Seccomp(Options with { KernelVersion = new Version(5, 10) }), "ptrace"));
        Assert.False(Allows(Seccomp(Options with { KernelVersion = new Version(4, 4) }), "ptrace"));
    }

    [Fact]
    public void Personality_is_allowed_only_for_dockers_values()
    {
        var values = Seccomp(Options).Syscalls!.Where(s => s.Names.SequenceEqual(["personality"])).Select(s => s.Args![0].Value);
        Assert.Equal([0ul, 8ul, 0x20000ul, 0x20008ul, 0xfffffffful], values);
    }

    [Fact]
    public void Unconfined_and_privileged_have_no_filter()
    {
        Assert.Null(SpecBuilder.Build(Options with { Seccomp = SeccompMode.Unconfined }).Linux!.Seccomp);
        Assert.Null(SpecBuilder.Build(Options with { Privileged = true }).Linux!.Seccomp);
    }

    [Fact]
    public void A_custom_profile_applies_its_includes_and_excludes()
    {
        const string profile = """
            {"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":38,
             "archMap":[{"architecture":"SCMP_ARCH_X86_64","subArchitectures":["SCMP_ARCH_X86"]},
                        {"architecture":"SCMP_ARCH_AARCH64","subArchitectures":["SCMP_ARCH_ARM"]}],
             "syscalls":[{"names":["read","write"],"action":"SCMP_ACT_ALLOW"},
                         {"name":"getpid","action":"SCMP_ACT_ALLOW"},
                         {"names":["mount"],"action":"SCMP_ACT_ALLOW","includes":{"caps":["CAP_SYS_ADMIN"]}},
                         {"names":["kill"],"action":"SCMP_ACT_ALLOW","excludes":{"caps":["CAP_KILL"]}},
                         {"names":["socket"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":1,"valueTwo":0,"op":"SCMP_CMP_EQ"}]}]}
            """;
        var seccomp = Seccomp(Options with { Seccomp = SeccompMode.Custom(profile) });
        Assert.Equal(38u, seccomp.DefaultErrnoRet);
        Assert.Equal(2, seccomp.Architectures!.Count);
        Assert.Equal(["read", "write"], seccomp.Syscalls![0].Names);
        Assert.Equal(["getpid"], seccomp.Syscalls[1].Names);
        Assert.DoesNotContain(seccomp.Syscalls, s => s.Names.Contains("mount") || s.Names.Contains("kill"));
        Assert.Equal(1ul, seccomp.Syscalls[2].Args![0].Value);
    }

    [Fact]
    public void A_custom_profile_with_plain_architectures_keeps_them()
    {
        var seccomp = Seccomp(Options with
        {
            Seccomp = SeccompMode.Custom("""{"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86_64"]}"""),
        });
        Assert.Equal(["SCMP_ARCH_X86_64"], seccomp.Architectures!);
        Assert.Empty(seccomp.Syscalls!);
    }

    [Fact]
    public void Custom_profiles_that_docker_rejects_are_rejected()
    {
        Invalid.Throws("'architectures' and 'archMap' were specified in the seccomp profile, use either 'architectures' or 'archMap'",
            () => Seccomp(Options with
            {
                Seccomp = SeccompMode.Custom("""{"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86"],"archMap":[{"architecture":"SCMP_ARCH_X86"}]}"""),
            }));
        Invalid.Throws("'name' and 'names' were specified in the seccomp profile, use either 'name' or 'names'",
            () => Seccomp(Options with
            {
                Seccomp = SeccompMode.Custom("""{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"name":"a","names":["b"],"action":"SCMP_ACT_ALLOW"}]}"""),
            }));
        var error = Assert.Throws<Berth.Oci.BerthException>(() => Seccomp(Options with { Seccomp = SeccompMode.Custom("{not json") }));
        Assert.StartsWith("decoding seccomp profile failed: ", error.Message);
    }
}
