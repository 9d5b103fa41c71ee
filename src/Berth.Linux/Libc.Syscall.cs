using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// syscall(2) with no arguments, for probing what the kernel implements. glibc's syscall is variadic, but on
/// x86-64 it reads its integer arguments from the same registers as a plain call passes them.
/// </summary>
internal static partial class Libc
{
    [LibraryImport(Name, EntryPoint = "syscall", SetLastError = true)]
    internal static partial long Syscall(long number);
}
