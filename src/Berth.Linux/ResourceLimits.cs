using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>This process's resource limits (getrlimit), by Docker's ulimit names.</summary>
public static partial class ResourceLimits
{
    private static readonly (string Name, int Resource)[] Resources =
    [
        ("cpu", 0), ("fsize", 1), ("data", 2), ("stack", 3), ("core", 4), ("rss", 5), ("nproc", 6), ("nofile", 7),
        ("memlock", 8), ("as", 9), ("locks", 10), ("sigpending", 11), ("msgqueue", 12), ("nice", 13), ("rtprio", 14),
        ("rttime", 15),
    ];

    /// <summary>Every hard limit; RLIM_INFINITY reads as <see cref="ulong.MaxValue"/>.</summary>
    public static unsafe IReadOnlyDictionary<string, ulong> Hard()
    {
        var limits = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var pair = stackalloc ulong[2];
        foreach (var (name, resource) in Resources)
        {
            if (GetRlimit(resource, pair) == 0) limits[name] = pair[1];
        }
        return limits;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static unsafe partial int GetRlimit(int resource, ulong* limits);
}
