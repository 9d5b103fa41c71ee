using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>
/// The bundle's config.json (OCI runtime-spec v1.0.2, config.md): camelCase names, nulls omitted. Written by
/// <see cref="RuntimeSpecJson"/>, read with <see cref="RuntimeSpecJsonContext"/>.
/// </summary>
public sealed record RuntimeSpec
{
    /// <summary>The runtime-spec version this document follows.</summary>
    public const string Version = "1.0.2";

    [JsonPropertyName("ociVersion")] public string OciVersion { get; init; } = Version;
    [JsonPropertyName("process")] public OciProcess? Process { get; init; }
    [JsonPropertyName("root")] public OciRoot? Root { get; init; }
    [JsonPropertyName("hostname")] public string? Hostname { get; init; }
    [JsonPropertyName("mounts")] public IReadOnlyList<OciMount> Mounts { get; init; } = [];
    [JsonPropertyName("hooks")] public OciHooks? Hooks { get; init; }
    [JsonPropertyName("annotations")] public IReadOnlyDictionary<string, string>? Annotations { get; init; }
    [JsonPropertyName("linux")] public LinuxConfig? Linux { get; init; }
}
