namespace Berth.Snapshots.Tests;

/// <summary>A fact that needs root (it mounts); skipped with the reason when the tests run unprivileged.</summary>
internal sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (TestSyscalls.Geteuid() != 0) Skip = "needs root: mounts overlayfs and bind mounts, creates device nodes";
    }
}
