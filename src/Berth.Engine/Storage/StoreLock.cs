namespace Berth.Engine.Storage;

/// <summary>
/// Keeps garbage collection away from work in flight. Every operation that adds content (load, import, tag)
/// holds the lock shared for its whole run; the collector takes it exclusive and, when it cannot, skips this
/// round — garbage left now is collected by the next one, while a blob being written is never deleted under
/// its writer. The lock is a flock(2) on <c>store.lock</c>, so it is released when a process dies.
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private readonly FileStream _handle;

    private StoreLock(FileStream handle) => _handle = handle;

    public static StoreLock Shared(string path, CancellationToken ct)
    {
        while (true)
        {
            // .NET maps any FileShare other than None to flock(LOCK_SH | LOCK_NB) on Unix.
            if (TryOpen(path, FileShare.ReadWrite) is { } handle) return new StoreLock(handle);
            ct.ThrowIfCancellationRequested();
            Thread.Sleep(20);
        }
    }

    /// <summary>
    /// The exclusive lock, or null when other processes hold the lock for all of <paramref name="patience"/>:
    /// short operations (a tag, an rmi) finish within it, long ones (a load) are not waited for.
    /// </summary>
    public static StoreLock? TryExclusive(string path, TimeSpan patience)
    {
        var deadline = Environment.TickCount64 + (long)patience.TotalMilliseconds;
        while (true)
        {
            if (TryOpen(path, FileShare.None) is { } handle) return new StoreLock(handle);
            if (Environment.TickCount64 >= deadline) return null;
            Thread.Sleep(10);
        }
    }

    private static FileStream? TryOpen(string path, FileShare share)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, share);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _handle.Dispose();
}
