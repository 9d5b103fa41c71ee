using System.Text.Json.Serialization;

namespace Berth.Engine.Builds;

/// <summary>Source-generated JSON for the COPY records, compact: a record lists every file of a context.</summary>
[JsonSourceGenerationOptions(Converters = [typeof(Oci.Json.DigestJsonConverter)])]
[JsonSerializable(typeof(CopyRecordFile))]
internal sealed partial class CopyRecordJsonContext : JsonSerializerContext;
