using System.Text.Json.Serialization;

namespace Berth.Engine.Builds;

/// <summary>Source-generated JSON for the exported build cache.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(Oci.Json.DigestJsonConverter)])]
[JsonSerializable(typeof(CacheDirectoryIndex))]
internal sealed partial class CacheDirectoryJsonContext : JsonSerializerContext;
