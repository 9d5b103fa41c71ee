namespace Berth.Engine.Models;

/// <summary>Inspect's Metadata: when the image was last tagged.</summary>
public sealed record ImageMetadata(string? LastTagTime);
