using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>
/// A bundle's config.json read for its "process" section only (what an exec inherits: working directory,
/// capabilities, rlimits, no-new-privileges). The reader skips the rest of the document, so a short-lived
/// process never builds the JSON metadata of mounts, seccomp rules and resources, which costs more than the read.
/// </summary>
public sealed record RuntimeSpecProcess
{
    [JsonPropertyName("process")] public OciProcess? Process { get; init; }
}
