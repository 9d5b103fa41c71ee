namespace Berth.Engine.Models;

/// <summary>A resource limit set in the container (<c>--ulimit name=soft:hard</c>).</summary>
public sealed record Ulimit(string Name, long Soft, long Hard);
