using System.Text.Json.Serialization;

namespace Berth.Oci;

/// <summary>
/// The execution parameters of an image (config.md "config"). Property names are the spec's PascalCase ones;
/// Healthcheck, OnBuild, Shell and ArgsEscaped are Docker extensions that docker writes and reads.
/// </summary>
public sealed record ContainerConfig
{
    public string? Hostname { get; init; }
    public string? Domainname { get; init; }
    public string? User { get; init; }
    public IReadOnlyDictionary<string, EmptyObject>? ExposedPorts { get; init; }
    public IReadOnlyList<string>? Env { get; init; }
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public IReadOnlyList<string>? Cmd { get; init; }
    public IReadOnlyDictionary<string, EmptyObject>? Volumes { get; init; }
    public string? WorkingDir { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public string? StopSignal { get; init; }
    public bool? ArgsEscaped { get; init; }
    public HealthConfig? Healthcheck { get; init; }
    public IReadOnlyList<string>? OnBuild { get; init; }
    public IReadOnlyList<string>? Shell { get; init; }
}
