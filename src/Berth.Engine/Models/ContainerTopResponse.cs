namespace Berth.Engine.Models;

/// <summary>Engine API <c>GET /containers/{id}/top</c> (docker's ContainerTopOKBody): ps's titles and the container's rows.</summary>
public sealed record ContainerTopResponse
{
    public required IReadOnlyList<string> Titles { get; init; }

    /// <summary>One row per process, as many fields as <see cref="Titles"/> (the last one keeps its spaces).</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Processes { get; init; }
}
