using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>getrandom(2): the kernel's CSPRNG without a descriptor, and without loading a crypto library.</summary>
internal static unsafe partial class Libc
{
    [LibraryImport(Name, EntryPoint = "getrandom", SetLastError = true)]
    internal static partial nint GetRandom(byte* buffer, nuint length, uint flags);
}
