namespace Berth.Runtime.Spec;

internal static partial class DefaultSeccompProfile
{
    /// <summary>ENOSYS: clone3 without CAP_SYS_ADMIN fails as "not implemented" so libc falls back to clone.</summary>
    private const uint Enosys = 38;

    public static DockerSeccompProfile Profile { get; } = new()
    {
        DefaultAction = "SCMP_ACT_ERRNO",
        DefaultErrnoRet = 1,
        ArchMap =
        [
            Arch("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"),
            Arch("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"),
            Arch("SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64N32"),
            Arch("SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64"),
            Arch("SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64N32"),
            Arch("SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64"),
            Arch("SCMP_ARCH_S390X", "SCMP_ARCH_S390"),
            Arch("SCMP_ARCH_RISCV64"),
        ],
        Syscalls = Rules(),
    };

    private static List<DockerSeccompSyscall> Rules()
    {
        var rules = new List<DockerSeccompSyscall>
        {
            new() { Names = Allowed, Action = Allow },
            new()
            {
                Names = ["process_vm_readv", "process_vm_writev", "ptrace"], Action = Allow,
                Includes = new() { MinKernel = "4.8" },
            },
            new() { Names = ["socket"], Action = Allow, Args = [Arg(0, AddressFamilyVsock, "SCMP_CMP_NE")] },
        };
        foreach (var personality in Personalities)
            rules.Add(new() { Names = ["personality"], Action = Allow, Args = [Arg(0, personality, "SCMP_CMP_EQ")] });
        rules.Add(ForArches(["sync_file_range2", "swapcontext"], "ppc64le"));
        rules.Add(ForArches(
            ["arm_fadvise64_64", "arm_sync_file_range", "sync_file_range2", "breakpoint", "cacheflush", "set_tls"],
            "arm", "arm64"));
        rules.Add(ForArches(["arch_prctl"], "amd64", "x32"));
        rules.Add(ForArches(["modify_ldt"], "amd64", "x32", "x86"));
        rules.Add(ForArches(["s390_pci_mmio_read", "s390_pci_mmio_write", "s390_runtime_instr"], "s390", "s390x"));
        rules.Add(ForArches(["riscv_flush_icache"], "riscv64"));
        rules.Add(ForCap(["open_by_handle_at"], "CAP_DAC_READ_SEARCH"));
        rules.Add(ForCap(
            [
                "bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount", "fsopen", "fspick", "lookup_dcookie",
                "mount", "mount_setattr", "move_mount", "open_tree", "perf_event_open", "quotactl", "quotactl_fd",
                "setdomainname", "sethostname", "setns", "syslog", "umount", "umount2", "unshare",
            ],
            "CAP_SYS_ADMIN"));
        rules.Add(new()
        {
            Names = ["clone"], Action = Allow, Args = [Arg(0, NamespaceCloneFlags, "SCMP_CMP_MASKED_EQ")],
            Excludes = new() { Caps = ["CAP_SYS_ADMIN"], Arches = ["s390", "s390x"] },
        });
        // s390 passes clone's flags as the second argument.
        rules.Add(new()
        {
            Names = ["clone"], Action = Allow, Args = [Arg(1, NamespaceCloneFlags, "SCMP_CMP_MASKED_EQ")],
            Includes = new() { Arches = ["s390", "s390x"] }, Excludes = new() { Caps = ["CAP_SYS_ADMIN"] },
        });
        rules.Add(new()
        {
            Names = ["clone3"], Action = "SCMP_ACT_ERRNO", ErrnoRet = Enosys,
            Excludes = new() { Caps = ["CAP_SYS_ADMIN"] },
        });
        rules.Add(ForCap(["reboot"], "CAP_SYS_BOOT"));
        rules.Add(ForCap(["chroot"], "CAP_SYS_CHROOT"));
        rules.Add(ForCap(["delete_module", "init_module", "finit_module"], "CAP_SYS_MODULE"));
        rules.Add(ForCap(["acct"], "CAP_SYS_PACCT"));
        rules.Add(ForCap(
            ["kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv", "process_vm_writev", "ptrace"],
            "CAP_SYS_PTRACE"));
        rules.Add(ForCap(["iopl", "ioperm"], "CAP_SYS_RAWIO"));
        rules.Add(ForCap(["settimeofday", "stime", "clock_settime", "clock_settime64"], "CAP_SYS_TIME"));
        rules.Add(ForCap(["vhangup"], "CAP_SYS_TTY_CONFIG"));
        rules.Add(ForCap(["get_mempolicy", "mbind", "set_mempolicy", "set_mempolicy_home_node"], "CAP_SYS_NICE"));
        rules.Add(ForCap(["syslog"], "CAP_SYSLOG"));
        rules.Add(ForCap(["bpf"], "CAP_BPF"));
        rules.Add(ForCap(["perf_event_open"], "CAP_PERFMON"));
        return rules;
    }

    private static DockerSeccompArchMap Arch(string architecture, params string[] sub) =>
        new() { Architecture = architecture, SubArchitectures = sub };

    private static LinuxSeccompArg Arg(uint index, ulong value, string op) => new() { Index = index, Value = value, Op = op };

    private static DockerSeccompSyscall ForArches(string[] names, params string[] arches) =>
        new() { Names = names, Action = Allow, Includes = new() { Arches = arches } };

    private static DockerSeccompSyscall ForCap(string[] names, string capability) =>
        new() { Names = names, Action = Allow, Includes = new() { Caps = [capability] } };
}
