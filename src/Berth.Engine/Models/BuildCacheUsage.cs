namespace Berth.Engine.Models;

/// <summary>Build cache layers: how many, how many an image also uses, their bytes, and the bytes only the cache holds.</summary>
public sealed record BuildCacheUsage(int Count, int InUse, long Size, long Reclaimable);
