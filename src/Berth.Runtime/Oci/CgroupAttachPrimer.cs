using System.Globalization;

namespace Berth.Runtime.Oci;

/// <summary>
/// Takes a kernel wait out of the critical path of a container start or an exec.
/// <para>
/// The runtime puts each new process into its cgroups by writing its pid to <c>cgroup.procs</c>. Every such move,
/// in any hierarchy, cgroup v1 or v2, takes the kernel's global cgroup threadgroup lock for writing. That lock
/// is a per-CPU rwsem: the first writer after a quiet spell waits out a whole RCU grace period (7–14 ms on a
/// small VM), and writers that follow within about one more grace period pass at once. runc's first write
/// therefore stalls a start or an exec that comes alone, while runs back to back do not pay it.
/// </para>
/// <para>
/// <see cref="Prime"/> moves this process into the cgroup it is already in, on a background thread, as soon as a
/// start or exec is known to come. The move changes nothing, but its wait for the grace period now overlaps with
/// Berth's own work and runc's start-up, and runc's moves that follow pass without waiting. A kernel mounted
/// with <c>favordynmods</c> has no such wait, and the move costs nothing there either.
/// </para>
/// </summary>
public static class CgroupAttachPrimer
{
    private const string CgroupMount = "/sys/fs/cgroup";

    /// <summary>Starts the move on a thread of its own and returns at once; any failure only forgoes the gain.</summary>
    public static void Prime()
    {
        var thread = new Thread(() => MoveIntoOwnCgroup(), maxStackSize: 256 * 1024) { IsBackground = true, Name = "cgroup primer" };
        thread.UnsafeStart();
    }

    /// <summary>Moves this process into its own cgroup of the first hierarchy where it finds itself; false when none.</summary>
    internal static bool MoveIntoOwnCgroup()
    {
        try
        {
            var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            var unifiedAtRoot = File.Exists(Path.Combine(CgroupMount, "cgroup.controllers"));
            foreach (var line in File.ReadLines("/proc/self/cgroup"))
            {
                // A file that does not list this process belongs to some other cgroup (a mount that is not
                // where this one expects it, a cgroup namespace): writing to it would move the process.
                if (ProcsFileOf(line, unifiedAtRoot) is not { } procs || !Lists(procs, pid)) continue;
                using var file = new FileStream(procs, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
                file.Write(System.Text.Encoding.ASCII.GetBytes(pid));
                return true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return false;
    }

    /// <summary>
    /// The <c>cgroup.procs</c> file of one line of <c>/proc/self/cgroup</c> (<c>ID:CONTROLLERS:PATH</c>), at the
    /// standard mount points: v1 hierarchies under <c>/sys/fs/cgroup/NAME</c> (a named one without its
    /// <c>name=</c>), the v2 hierarchy at <c>/sys/fs/cgroup</c> itself or, on a hybrid host, at its
    /// <c>unified</c> directory. Null for a line of another shape.
    /// </summary>
    internal static string? ProcsFileOf(string line, bool unifiedAtRoot)
    {
        var parts = line.Split(':', 3);
        if (parts.Length != 3 || !parts[2].StartsWith('/') || parts[2].Split('/').Contains("..")) return null;
        string hierarchy;
        if (parts[0] == "0" && parts[1].Length == 0)
            hierarchy = unifiedAtRoot ? CgroupMount : Path.Combine(CgroupMount, "unified");
        else if (parts[1].Length > 0 && !unifiedAtRoot)
            hierarchy = Path.Combine(CgroupMount, parts[1].StartsWith("name=", StringComparison.Ordinal) ? parts[1]["name=".Length..] : parts[1]);
        else
            return null;
        return Path.Join(hierarchy, parts[2], "cgroup.procs");
    }

    private static bool Lists(string procsFile, string pid)
    {
        foreach (var line in File.ReadLines(procsFile))
        {
            if (line == pid) return true;
        }
        return false;
    }
}
