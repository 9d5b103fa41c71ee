namespace Berth.Engine.Models;

/// <summary>Inspect's RootFS: the layer diffIDs in order.</summary>
public sealed record RootFsInfo(string Type, IReadOnlyList<string> Layers);
