using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>
/// An flock(2) lock held while this object lives. flock locks belong to the open file description, so they
/// work between processes and between threads that open the file separately, and vanish if the process dies.
/// </summary>
public sealed class FileLock : IDisposable
{
    private const int LockShared = 1;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;

    private readonly SafeFileHandle _handle;

    private FileLock(SafeFileHandle handle) => _handle = handle;

    public string Path { get; private init; } = "";

    /// <summary>Creates the lock file if needed and blocks until the lock is granted.</summary>
    public static FileLock Acquire(string path, bool exclusive = true) =>
        TryAcquireCore(path, exclusive, wait: true) ?? throw new LinuxIOException("flock", path, Errno.EWOULDBLOCK);

    /// <summary>Returns null at once when another holder has a conflicting lock.</summary>
    public static FileLock? TryAcquire(string path, bool exclusive = true) => TryAcquireCore(path, exclusive, wait: false);

    /// <summary>
    /// Whether some process holds the lock on <paramref name="path"/> now: a missing file is held by nobody, and a
    /// probe that gets the lock lets it go at once.
    /// </summary>
    public static bool IsHeld(string path)
    {
        if (!File.Exists(path)) return false;
        using var probe = TryAcquire(path);
        return probe is null;
    }

    private static FileLock? TryAcquireCore(string path, bool exclusive, bool wait)
    {
        var handle = UnixFile.OpenLockFile(path);
        var operation = (exclusive ? LockExclusive : LockShared) | (wait ? 0 : LockNonBlocking);
        while (Libc.Flock(handle, operation) != 0)
        {
            var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno == Errno.EINTR) continue;
            handle.Dispose();
            if (errno == Errno.EWOULDBLOCK && !wait) return null;
            throw new LinuxIOException("flock", path, errno);
        }
        return new FileLock(handle) { Path = path };
    }

    /// <summary>Closing the descriptor releases the lock.</summary>
    public void Dispose() => _handle.Dispose();
}
