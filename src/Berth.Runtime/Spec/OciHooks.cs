using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>Lifecycle hooks (runtime-spec config.md "POSIX-platform Hooks"), run by the runtime in the host.</summary>
public sealed record OciHooks
{
    [JsonPropertyName("prestart")] public IReadOnlyList<OciHook>? Prestart { get; init; }
    [JsonPropertyName("createRuntime")] public IReadOnlyList<OciHook>? CreateRuntime { get; init; }
    [JsonPropertyName("createContainer")] public IReadOnlyList<OciHook>? CreateContainer { get; init; }
    [JsonPropertyName("startContainer")] public IReadOnlyList<OciHook>? StartContainer { get; init; }
    [JsonPropertyName("poststart")] public IReadOnlyList<OciHook>? Poststart { get; init; }
    [JsonPropertyName("poststop")] public IReadOnlyList<OciHook>? Poststop { get; init; }
}
