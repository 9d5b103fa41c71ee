namespace Berth.Engine.Models;

/// <summary>What <c>network prune</c> removed (names, in removal order).</summary>
public sealed record NetworkPruneReport(IReadOnlyList<string> NetworksDeleted);
