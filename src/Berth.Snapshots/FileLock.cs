namespace Berth.Snapshots;

/// <summary>
/// An exclusive flock(2) on a lock file, held until disposed. flock locks belong to the open file description,
/// so two instances in one process exclude each other just as two processes do, and the kernel drops the lock
/// when a holder dies. (FileStream is not used: .NET takes its own non-blocking flock on open.)
/// </summary>
internal sealed class FileLock : IDisposable
{
    private int _fd;

    private FileLock(int fd) => _fd = fd;

    public static FileLock Acquire(string path)
    {
        var fd = Libc.Open(path, Libc.OCreat | Libc.OCloexec | 2 /* O_RDWR */, Convert.ToInt32("600", 8));
        if (fd < 0) throw Libc.Error("open", path);
        while (Libc.Flock(fd, Libc.LockEx) != 0)
        {
            if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Libc.Eintr) continue;
            var error = Libc.Error("flock", path);
            Libc.Close(fd);
            throw error;
        }

        return new FileLock(fd);
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) Libc.Close(fd);
    }
}
