using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>
/// Source-generated JSON for config.json and <c>runc exec --process</c> documents (AOT-safe), for reading them;
/// <see cref="RuntimeSpecJson"/> and <see cref="OciProcessJson"/> write the same bytes by hand. Nulls are
/// omitted because runc treats a present-but-null section differently from an absent one in places
/// (an empty "seccomp" object would install a filter).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(RuntimeSpec))]
[JsonSerializable(typeof(OciProcess))]
public sealed partial class RuntimeSpecJsonContext : JsonSerializerContext;
