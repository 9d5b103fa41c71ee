namespace Berth.Engine.SystemInfo;

/// <summary>The result of <c>system check</c>: <see cref="Problems"/> empty means the store is sound.</summary>
public sealed record CheckReport(IReadOnlyList<string> Problems, IReadOnlyList<string> Notes, int Blobs, int Images, int Layers);
