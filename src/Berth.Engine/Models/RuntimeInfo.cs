namespace Berth.Engine.Models;

public sealed record RuntimeInfo(string Path, string? Version);
