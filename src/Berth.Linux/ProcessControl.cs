namespace Berth.Linux;

/// <summary>Signals and the child-subreaper flag (prctl(2) PR_SET_CHILD_SUBREAPER).</summary>
public static class ProcessControl
{
    private const int ESRCH = 3;

    /// <summary>
    /// Makes orphaned descendants of this process re-parent to it instead of to init, so it can reap them
    /// (the role containerd-shim and conmon take for a container's init, whose parent runc exits).
    /// </summary>
    public static void SetChildSubreaper(bool enabled)
    {
        if (Libc.Prctl(Libc.PrSetChildSubreaper, enabled ? 1u : 0u, 0, 0, 0) != 0)
        {
            throw LinuxIOException.FromLastError("prctl PR_SET_CHILD_SUBREAPER", null);
        }
    }

    /// <summary>Whether this process is a child subreaper.</summary>
    public static unsafe bool IsChildSubreaper()
    {
        int value;
        if (Libc.Prctl(Libc.PrGetChildSubreaper, (nuint)(&value), 0, 0, 0) != 0)
        {
            throw LinuxIOException.FromLastError("prctl PR_GET_CHILD_SUBREAPER", null);
        }

        return value != 0;
    }

    /// <summary>kill(2). Returns false when the process no longer exists (ESRCH).</summary>
    public static bool Signal(int pid, int signal)
    {
        if (Libc.Kill(pid, signal) == 0) return true;
        var e = LinuxIOException.FromLastError("kill", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (e.Errno == ESRCH) return false;
        throw e;
    }
}
