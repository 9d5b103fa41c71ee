using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>
/// A unix socket path short enough for sockaddr_un (108 bytes with its NUL). A longer path is reached through
/// its directory held open: <c>/proc/PID/fd/N/name</c>, which the kernel resolves like the real path, and which
/// other processes (runc connecting to a console socket) can use while this one keeps the directory open —
/// the trick conmon uses for the same limit. Dispose closes the directory.
/// </summary>
public sealed class UnixSocketPath : IDisposable
{
    private const int MaxPathBytes = 107;
    private readonly SafeFileHandle? _directory;

    private UnixSocketPath(string path, SafeFileHandle? directory)
    {
        Path = path;
        _directory = directory;
    }

    /// <summary>The path to bind or connect to.</summary>
    public string Path { get; }

    public static UnixSocketPath For(string path)
    {
        if (Encoding.UTF8.GetByteCount(path) <= MaxPathBytes) return new UnixSocketPath(path, null);
        var directory = UnixFile.OpenDirectoryNoFollow(System.IO.Path.GetDirectoryName(path)!);
        var alias = $"/proc/{Environment.ProcessId}/fd/{directory.DangerousGetHandle()}/{System.IO.Path.GetFileName(path)}";
        return new UnixSocketPath(alias, directory);
    }

    public void Dispose() => _directory?.Dispose();
}
