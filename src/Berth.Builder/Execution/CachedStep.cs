namespace Berth.Builder.Execution;

/// <summary>
/// What a step produced the first time: its layer (null when it changed nothing or touched only the config) and
/// when it ran, which history keeps so an unchanged rebuild gives the same image ID, as BuildKit's does.
/// </summary>
public sealed record CachedStep(BuildLayer? Layer, DateTimeOffset Created);
