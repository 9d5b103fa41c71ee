using System.Text.Json.Serialization;

namespace Berth.Distribution;

/// <summary>Source-generated JSON for the registry protocol's own documents (AOT-safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(RegistryErrorBody))]
[JsonSerializable(typeof(TagList))]
internal sealed partial class DistributionJsonContext : JsonSerializerContext;
