namespace Berth.Engine.Models;

/// <summary>What <c>container prune</c> removed and the bytes it freed.</summary>
public sealed record ContainerPruneReport(IReadOnlyList<string> ContainersDeleted, long SpaceReclaimed);
