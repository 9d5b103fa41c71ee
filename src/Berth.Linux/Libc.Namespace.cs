using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>Namespace entry points: setns(2) and unshare(2) move the calling thread alone.</summary>
internal static partial class Libc
{
    internal const int CloneNewNet = 0x40000000;

    [LibraryImport(Name, EntryPoint = "setns", SetLastError = true)]
    internal static partial int SetNs(int fd, int nstype);

    [LibraryImport(Name, EntryPoint = "unshare", SetLastError = true)]
    internal static partial int Unshare(int flags);
}
