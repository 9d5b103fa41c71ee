namespace Berth.Engine.Images;

/// <summary>What <c>images</c> lists: filters as Docker's <c>--filter</c> pairs and an optional reference pattern.</summary>
public sealed record ImageListOptions
{
    public bool All { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Filters { get; init; } = [];
    public string? Reference { get; init; }
}
