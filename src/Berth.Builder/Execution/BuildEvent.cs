namespace Berth.Builder.Execution;

/// <summary>
/// A change in one vertex of a build, as BuildKit reports them: a vertex (a step, a base image lookup, the
/// export) starts, logs lines, finishes cached, done or with an error. Vertices are numbered in the order they
/// start, from 1; <see cref="Duration"/> is the time since the vertex started.
/// </summary>
public sealed record BuildEvent(int Vertex, string Name, BuildEventKind Kind, string? Text = null, TimeSpan? Duration = null)
{
    /// <summary>For <see cref="BuildEventKind.Log"/>: the line came from stderr.</summary>
    public bool Stderr { get; init; }

    /// <summary>For a step's <see cref="BuildEventKind.Failed"/>: the Dockerfile lines of its instruction, from 1.</summary>
    public int? Line { get; init; }

    public int? EndLine { get; init; }
}
