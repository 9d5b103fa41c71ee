namespace Berth.Runtime.Tests.Spec;

/// <summary>A fact that runs a container with runc: it needs root and runc on the PATH, and says loudly when it skips.</summary>
public sealed class RuncFactAttribute : FactAttribute
{
    public RuncFactAttribute()
    {
        if (RuncBundle.RuncPath is null) Skip = "SKIPPED LOUDLY: runc is not installed";
        else if (!IsRoot()) Skip = "SKIPPED LOUDLY: running containers with runc needs root";
    }

    private static bool IsRoot() =>
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            ?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) == "0";
}
