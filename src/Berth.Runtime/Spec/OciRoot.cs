using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>The container's root filesystem (runtime-spec config.md "root"); a relative path is bundle-relative.</summary>
public sealed record OciRoot
{
    [JsonPropertyName("path")] public required string Path { get; init; }
    [JsonPropertyName("readonly")] public bool Readonly { get; init; }
}
