namespace Berth.Linux;

/// <summary>waitpid(2) with __WALL, so children started with a clone exit signal other than SIGCHLD are seen too.</summary>
public static class ProcessWait
{
    /// <summary>The pid argument that reaps any child.</summary>
    public const int AnyChild = -1;

    private const int ECHILD = 10;

    /// <summary>
    /// Blocks until <paramref name="pid"/> (or any child for <see cref="AnyChild"/>) exits, reaps it and gives
    /// its pid with the raw wait status. Returns false (ECHILD) when there is no such child left to wait for.
    /// </summary>
    public static bool TryWait(int pid, out int reaped, out int status)
    {
        while (true)
        {
            reaped = Libc.WaitPid(pid, out status, Libc.WAll);
            if (reaped >= 0) return true;
            var e = LinuxIOException.FromLastError("waitpid", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (e.Errno == ECHILD) return false;
            if (e.Errno != Errno.EINTR) throw e;
        }
    }
}
