using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// Terminal calls. struct termios is 60 bytes on x86-64 and arm64 glibc; it is handled as an opaque buffer of
/// <see cref="TermiosBytes"/> so only glibc interprets it. TIOCGWINSZ/TIOCSWINSZ are the asm-generic numbers.
/// </summary>
internal static unsafe partial class Libc
{
    internal const int TermiosBytes = 64;
    internal const int TcsaNow = 0;
    internal const nuint TiocGWinSz = 0x5413;
    internal const nuint TiocSWinSz = 0x5414;

    [LibraryImport(Name, EntryPoint = "tcgetattr", SetLastError = true)]
    internal static partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport(Name, EntryPoint = "tcsetattr", SetLastError = true)]
    internal static partial int TcSetAttr(int fd, int optionalActions, byte* termios);

    [LibraryImport(Name, EntryPoint = "cfmakeraw")]
    internal static partial void CfMakeRaw(byte* termios);

    [LibraryImport(Name, EntryPoint = "isatty")]
    internal static partial int IsATty(int fd);

    /// <summary>ioctl is variadic; a pointer third argument is passed like a fixed one on x86-64 and arm64 Linux.</summary>
    [LibraryImport(Name, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, nuint request, void* argument);
}
