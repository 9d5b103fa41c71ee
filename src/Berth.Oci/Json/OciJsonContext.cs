using System.Text.Json.Serialization;

namespace Berth.Oci.Json;

/// <summary>
/// Source-generated JSON for the spec types (AOT-safe). Nulls are omitted, as the specs mark these fields
/// optional and peers compare bytes of what we write.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(DigestJsonConverter), typeof(Rfc3339JsonConverter)],
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(Descriptor))]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ImageConfig))]
[JsonSerializable(typeof(OciLayoutHeader))]
[JsonSerializable(typeof(ManifestProbe))]
public sealed partial class OciJsonContext : JsonSerializerContext;
