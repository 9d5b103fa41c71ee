namespace Berth.Builder.Execution;

/// <summary>The kinds of <c>RUN --mount</c> Berth supports.</summary>
public enum RunMountType
{
    Bind,
    Cache,
    Tmpfs,
    Secret,
}
