namespace Berth.Builder.Execution;

/// <summary>What a <see cref="BuildEvent"/> says about its vertex.</summary>
public enum BuildEventKind
{
    Started,
    /// <summary>A line of status text (<c>exporting layers done</c>).</summary>
    Status,
    /// <summary>Output of a RUN step, stdout or stderr.</summary>
    Log,
    Cached,
    Done,
    Failed,
    /// <summary>A warning not tied to a vertex (an unused build arg).</summary>
    Warning,
}
