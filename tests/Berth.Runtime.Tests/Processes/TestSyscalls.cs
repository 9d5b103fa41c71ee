using System.Runtime.InteropServices;

namespace Berth.Runtime.Tests.Processes;

/// <summary>Calls the tests need to set up situations the library must cope with (a descriptor without O_CLOEXEC).</summary>
internal static partial class TestSyscalls
{
    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    public static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint Geteuid();
}
