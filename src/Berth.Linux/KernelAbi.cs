using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>Which system call ABIs the running kernel serves besides its native one.</summary>
public static class KernelAbi
{
    // x32 system calls are the x86-64 numbers with this bit set (arch/x86/include/uapi/asm/unistd.h).
    private const long X32SyscallBit = 0x40000000;
    private const long GetPidX86_64 = 39;

    /// <summary>
    /// Whether the kernel runs x32 programs: false on every other architecture, and on the many x86-64 kernels
    /// built without CONFIG_X86_X32_ABI or booted with it off, where every x32 system call fails with ENOSYS.
    /// </summary>
    public static bool RunsX32() =>
        RuntimeInformation.ProcessArchitecture == Architecture.X64 && Libc.Syscall(X32SyscallBit | GetPidX86_64) >= 0;
}
