using System.Runtime.InteropServices;

namespace Berth.Runtime.Seccomp;

/// <summary>
/// The few libseccomp calls that compile a filter, the same library runc compiles with (libseccomp.so.2, which
/// a dynamically linked runc needs anyway). <see cref="Available"/> is false where it cannot be loaded.
/// </summary>
internal static unsafe partial class LibSeccomp
{
    private const string Library = "libseccomp.so.2";

    public const uint ActKillProcess = 0x80000000, ActKillThread = 0x00000000, ActTrap = 0x00030000;
    public const uint ActErrno = 0x00050000, ActTrace = 0x7ff00000, ActLog = 0x7ffc0000, ActAllow = 0x7fff0000;
    // SCMP_FLTATR_CTL_NNP: whether loading the filter also sets no_new_privs (runc turns it off).
    public const int AttributeNoNewPrivs = 3;
    // SCMP_FLTATR_CTL_OPTIMIZE (libseccomp 2.5+): 2 lays the syscall checks out as a binary tree.
    public const int AttributeOptimize = 8;
    public const uint OptimizeBinaryTree = 2;

    [StructLayout(LayoutKind.Sequential)]
    public struct ArgumentComparison
    {
        public uint Argument;
        public int Operator;
        public ulong DatumA;
        public ulong DatumB;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Version
    {
        public uint Major, Minor, Micro;
    }

    // By name, as the dynamic loader finds it: the overload that takes an assembly has it looked up by
    // reflection first, which in a native binary costs more than the load itself.
    private static readonly Lazy<nint> Handle = new(() => NativeLibrary.TryLoad(Library, out var handle) ? handle : 0);

    public static bool Available => Handle.Value != 0;

    [LibraryImport(Library, EntryPoint = "seccomp_init")]
    public static partial nint Init(uint defaultAction);

    [LibraryImport(Library, EntryPoint = "seccomp_release")]
    public static partial void Release(nint context);

    [LibraryImport(Library, EntryPoint = "seccomp_arch_add")]
    public static partial int ArchAdd(nint context, uint archToken);

    [LibraryImport(Library, EntryPoint = "seccomp_arch_resolve_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint ArchResolveName(string name);

    [LibraryImport(Library, EntryPoint = "seccomp_attr_set")]
    public static partial int AttrSet(nint context, int attribute, uint value);

    [LibraryImport(Library, EntryPoint = "seccomp_syscall_resolve_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SyscallResolveName(string name);

    [LibraryImport(Library, EntryPoint = "seccomp_syscall_resolve_name_arch", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SyscallResolveNameArch(uint archToken, string name);

    [LibraryImport(Library, EntryPoint = "seccomp_rule_add_array")]
    public static partial int RuleAddArray(nint context, uint action, int syscall, uint count, ArgumentComparison* comparisons);

    [LibraryImport(Library, EntryPoint = "seccomp_export_bpf")]
    public static partial int ExportBpf(nint context, int fd);

    /// <summary>
    /// The library's version; only when <see cref="Available"/>. Called through the loaded library's export rather
    /// than bound as an import: an import's first call finds its library through the reflection data of the
    /// assembly, a few tenths of a millisecond, and the version is all a container start with a cached program asks.
    /// </summary>
    public static Version* LibraryVersion() => ((delegate* unmanaged<Version*>)NativeLibrary.GetExport(Handle.Value, "seccomp_version"))();
}
