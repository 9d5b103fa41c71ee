namespace Berth.Engine.Models;

/// <summary>Engine API container create response.</summary>
public sealed record ContainerCreateResponse(string Id, IReadOnlyList<string> Warnings);
