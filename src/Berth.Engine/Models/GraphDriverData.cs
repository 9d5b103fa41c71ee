namespace Berth.Engine.Models;

/// <summary>Where an image's layers live on disk (inspect's GraphDriver).</summary>
public sealed record GraphDriverData(IReadOnlyDictionary<string, string> Data, string Name);
