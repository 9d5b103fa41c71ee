namespace Berth.Engine.Tests.Support;

/// <summary>A fact that needs root (overlay mounts); skipped with the reason when the tests run unprivileged.</summary>
internal sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root") Skip = "needs root: the engine unpacks layers into overlayfs snapshots";
    }
}
