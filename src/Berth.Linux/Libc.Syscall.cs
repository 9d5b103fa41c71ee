using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// syscall(2), for probing what the kernel implements and for calls older C libraries have no wrapper for. glibc's
/// syscall is variadic, but on x86-64 and arm64 Linux it reads its integer arguments from the same registers as a
/// plain call passes them.
/// </summary>
internal static partial class Libc
{
    [LibraryImport(Name, EntryPoint = "syscall", SetLastError = true)]
    internal static partial long Syscall(long number);

    [LibraryImport(Name, EntryPoint = "syscall", SetLastError = true)]
    internal static partial long Syscall(long number, long first, nint second, long third);

    [LibraryImport(Name, EntryPoint = "syscall", SetLastError = true)]
    internal static partial long Syscall(long number, long first, nint second, long third, nint fourth, long fifth);
}
