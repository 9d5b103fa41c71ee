using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>
/// Writes config.json (and an exec's process document) through source-generated serialization code alone, with the same options as
/// <see cref="RuntimeSpecJsonContext"/> and the same bytes. It carries no property metadata, so a start never
/// builds the JSON metadata of the whole spec (mounts, namespaces, seccomp rules, resources), which costs a
/// short-lived process milliseconds; reading a spec takes <see cref="RuntimeSpecJsonContext"/>, or <see cref="RuntimeSpecProcess.Read"/> for an exec.
/// </summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Serialization,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(RuntimeSpec))]
[JsonSerializable(typeof(LinuxSeccomp))]
[JsonSerializable(typeof(OciProcess))]
public sealed partial class RuntimeSpecWriterJsonContext : JsonSerializerContext;
