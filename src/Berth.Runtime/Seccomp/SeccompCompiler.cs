using System.Runtime.InteropServices;
using Berth.Linux;
using Berth.Runtime.Spec;
using Microsoft.Win32.SafeHandles;

namespace Berth.Runtime.Seccomp;

/// <summary>
/// Compiles an OCI seccomp filter to the BPF program runc would load for it: the same libseccomp calls in the same
/// order (runc's InitSeccomp: rules whose action is the default one are skipped, names this libseccomp does not
/// know are skipped, conditions on a repeated argument become separate rules) and runc's ENOSYS prefix. Returns
/// null for what only runc should handle: notify actions, filter flags, the x32 ABI, or no libseccomp here.
/// <para>
/// One thing differs, by default: the syscall checks are laid out as a binary tree (libseccomp's
/// <c>SCMP_FLTATR_CTL_OPTIMIZE</c> 2) rather than runc's list. The answers are the same; but the kernel runs the
/// program once for every syscall number when it loads it (to cache the syscalls that are always allowed), and
/// through a list of hundreds of checks that took 0.55 ms of every start and exec, through the tree 0.18 ms.
/// A syscall the cache does not answer is found in a few checks too.
/// </para>
/// </summary>
internal static unsafe class SeccompCompiler
{
    private const int SyscallArguments = 6;

    // Audit architectures of the ABIs the ENOSYS prefix knows (AUDIT_ARCH_*, libseccomp's arch tokens).
    private const uint AuditX86_64 = 0xC000003E, AuditI386 = 0x40000003, AuditAarch64 = 0xC00000B7, AuditArm = 0x40000028;

    public static byte[]? Compile(LinuxSeccomp filter, bool binaryTree = true)
    {
        if (!LibSeccomp.Available || !BitConverter.IsLittleEndian) return null;
        if (filter.Flags is { Count: > 0 }) return null;
        if (Action(filter.DefaultAction, filter.DefaultErrnoRet) is not { } defaultAction) return null;
        var rules = filter.Syscalls ?? [];
        var actions = new List<uint>();
        foreach (var rule in rules)
        {
            if (Action(rule.Action, rule.ErrnoRet) is not { } action) return null;
            actions.Add(action);
        }
        var architectures = new List<uint>();
        foreach (var name in filter.Architectures ?? [])
        {
            if (ArchToken(name) is not { } token) return null;
            architectures.Add(token);
        }

        var context = LibSeccomp.Init(defaultAction);
        if (context == 0) return null;
        try
        {
            foreach (var arch in architectures)
            {
                var added = LibSeccomp.ArchAdd(context, arch);
                if (added != 0 && added != -(int)Errno.EEXIST) return null;
            }
            if (LibSeccomp.AttrSet(context, LibSeccomp.AttributeNoNewPrivs, 0) != 0) return null;
            // A libseccomp older than 2.5 knows no such attribute and keeps the list, which is only slower.
            if (binaryTree) LibSeccomp.AttrSet(context, LibSeccomp.AttributeOptimize, LibSeccomp.OptimizeBinaryTree);
            for (var i = 0; i < rules.Count; i++)
            {
                if (actions[i] == defaultAction) continue;
                foreach (var name in rules[i].Names)
                {
                    var number = LibSeccomp.SyscallResolveName(name);
                    if (number < 0) continue;
                    if (!AddRule(context, number, actions[i], rules[i].Args ?? [])) return null;
                }
            }
            var program = Export(context);
            if (program is null) return null;
            if (defaultAction == LibSeccomp.ActAllow || filter.DefaultErrnoRet == 38) return program;
            var stub = EnosysStub.Build(LastSyscalls(architectures, rules), AuditX86_64);
            var patched = new byte[stub.Count * BpfInstruction.Size + program.Length];
            for (var i = 0; i < stub.Count; i++) stub[i].WriteTo(patched.AsSpan(i * BpfInstruction.Size));
            program.CopyTo(patched.AsSpan(stub.Count * BpfInstruction.Size));
            return patched;
        }
        finally
        {
            LibSeccomp.Release(context);
        }
    }

    /// <summary>libseccomp's version, which a cached program is keyed by.</summary>
    public static string LibraryVersion()
    {
        if (!LibSeccomp.Available) return "none";
        var version = LibSeccomp.LibraryVersion();
        return version is null ? "unknown" : $"{version->Major}.{version->Minor}.{version->Micro}";
    }

    private static bool AddRule(nint context, int number, uint action, IReadOnlyList<LinuxSeccompArg> args)
    {
        if (args.Count == 0) return LibSeccomp.RuleAddArray(context, action, number, 0, null) == 0;
        var comparisons = new LibSeccomp.ArgumentComparison[args.Count];
        var perArgument = new int[SyscallArguments];
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].Index >= SyscallArguments || Operator(args[i].Op) is not { } op) return false;
            perArgument[args[i].Index]++;
            comparisons[i] = new LibSeccomp.ArgumentComparison { Argument = args[i].Index, Operator = op, DatumA = args[i].Value, DatumB = args[i].ValueTwo };
        }
        fixed (LibSeccomp.ArgumentComparison* all = comparisons)
        {
            // libseccomp cannot AND two conditions on one argument; runc then adds one rule per condition.
            if (perArgument.All(count => count <= 1)) return LibSeccomp.RuleAddArray(context, action, number, (uint)comparisons.Length, all) == 0;
            for (var i = 0; i < comparisons.Length; i++)
            {
                if (LibSeccomp.RuleAddArray(context, action, number, 1, all + i) != 0) return false;
            }
            return true;
        }
    }

    // The highest number of every syscall the profile names, per architecture of the filter (runc's
    // findLastSyscalls, which counts every rule, also those skipped for having the default action).
    private static List<(uint Arch, uint LastSyscall)> LastSyscalls(List<uint> architectures, IReadOnlyList<LinuxSyscall> rules)
    {
        var last = new List<(uint, uint)>();
        foreach (var arch in architectures.Distinct())
        {
            var highest = 0;
            foreach (var name in rules.SelectMany(r => r.Names))
                highest = Math.Max(highest, LibSeccomp.SyscallResolveNameArch(arch, name));
            if (highest > 0) last.Add((arch, (uint)highest));
        }
        return last;
    }

    private static byte[]? Export(nint context)
    {
        var fd = MemoryFile.Create("berth-seccomp");
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (LibSeccomp.ExportBpf(context, fd) != 0) return null;
        var length = RandomAccess.GetLength(handle);
        if (length == 0 || length % BpfInstruction.Size != 0) return null;
        var program = new byte[length];
        return RandomAccess.Read(handle, program, 0) == length ? program : null;
    }

    // runc's getAction: kill means the thread; errno and trace default to EPERM.
    private static uint? Action(string name, uint? errnoRet) => name switch
    {
        "SCMP_ACT_KILL" or "SCMP_ACT_KILL_THREAD" => LibSeccomp.ActKillThread,
        "SCMP_ACT_KILL_PROCESS" => LibSeccomp.ActKillProcess,
        "SCMP_ACT_TRAP" => LibSeccomp.ActTrap,
        "SCMP_ACT_ERRNO" => LibSeccomp.ActErrno | ((errnoRet ?? 1) & 0xffff),
        "SCMP_ACT_TRACE" => LibSeccomp.ActTrace | ((errnoRet ?? 1) & 0xffff),
        "SCMP_ACT_LOG" => LibSeccomp.ActLog,
        "SCMP_ACT_ALLOW" => LibSeccomp.ActAllow,
        _ => null,
    };

    private static int? Operator(string op) => op switch
    {
        "SCMP_CMP_NE" => 1,
        "SCMP_CMP_LT" => 2,
        "SCMP_CMP_LE" => 3,
        "SCMP_CMP_EQ" => 4,
        "SCMP_CMP_GE" => 5,
        "SCMP_CMP_GT" => 6,
        "SCMP_CMP_MASKED_EQ" => 7,
        _ => null,
    };

    // The architectures whose syscall numbering the ENOSYS prefix handles; x32 shares x86-64's audit value.
    private static uint? ArchToken(string name)
    {
        if (!name.StartsWith("SCMP_ARCH_", StringComparison.Ordinal)) return null;
        var token = LibSeccomp.ArchResolveName(name["SCMP_ARCH_".Length..].ToLowerInvariant());
        return token is AuditX86_64 or AuditI386 or AuditAarch64 or AuditArm ? token : null;
    }
}
