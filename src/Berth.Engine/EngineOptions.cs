namespace Berth.Engine;

/// <summary>Where the engine keeps its state and which drivers it uses.</summary>
public sealed record EngineOptions
{
    public const string DefaultRoot = "/var/lib/berth";
    public const string DefaultRunRoot = "/run/berth";

    public string Root { get; init; } = DefaultRoot;
    public string RunRoot { get; init; } = DefaultRunRoot;
    public string StorageDriver { get; init; } = "overlay";
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Mirrors, insecure registries and certificates (see <c>Registry.RegistryConfigFile</c>).</summary>
    public Distribution.RegistryOptions Registry { get; init; } = new();
}
