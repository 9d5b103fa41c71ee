using System.Text.Json.Serialization;

namespace Berth.Runtime.Spec;

/// <summary>
/// Source-generated JSON for config.json and <c>runc exec --process</c> documents (AOT-safe). Nulls are
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
