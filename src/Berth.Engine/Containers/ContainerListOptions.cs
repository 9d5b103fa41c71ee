namespace Berth.Engine.Containers;

/// <summary><c>ps</c>'s selection: all or running only, the last N created, sizes, filters.</summary>
public sealed record ContainerListOptions
{
    public bool All { get; init; }
    /// <summary>Only the N most recently created (all states), -1 for no limit (<c>-n</c>, <c>-l</c> is 1).</summary>
    public int Last { get; init; } = -1;
    public bool Size { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Filters { get; init; } = [];
}
