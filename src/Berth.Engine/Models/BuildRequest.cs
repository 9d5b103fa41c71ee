using Berth.Builder.Execution;

namespace Berth.Engine.Models;

/// <summary>
/// <c>berth build</c>'s input: where the context and Dockerfile come from, how to build (<see cref="Options"/>)
/// and what to call the result. A context directory, or a stream (<c>build -</c>: a tar or a bare Dockerfile).
/// </summary>
public sealed record BuildRequest
{
    public string? ContextDirectory { get; init; }
    public Stream? ContextStream { get; init; }
    /// <summary><c>-f</c>: a path (relative to the working directory), or null for the context's Dockerfile.</summary>
    public string? DockerfilePath { get; init; }
    /// <summary><c>-f -</c>: the Dockerfile's text, read from stdin.</summary>
    public string? DockerfileText { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public BuildOptions Options { get; init; } = new();
    /// <summary><c>-o</c>: where the result goes; the image store when empty.</summary>
    public IReadOnlyList<BuildOutput> Outputs { get; init; } = [];
    /// <summary><c>--cache-from type=local,src=DIR</c>: exported caches to take steps from.</summary>
    public IReadOnlyList<string> CacheFrom { get; init; } = [];
    /// <summary><c>--cache-to type=local,dest=DIR</c>: where to export this build's cache.</summary>
    public string? CacheTo { get; init; }
}
