using System.Text.Json.Serialization;

namespace Berth.Runtime.Attach;

/// <summary>Source-generated JSON for the attach handshake (NativeAOT has no reflection serializer).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AttachRequest))]
internal sealed partial class AttachJsonContext : JsonSerializerContext;
