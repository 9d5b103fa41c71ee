using System.Text.Json.Serialization;

namespace Berth.Engine.Networks;

/// <summary>JSON of the network and endpoint rows.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NetworkRecord))]
[JsonSerializable(typeof(EndpointRecord))]
internal sealed partial class NetworkJsonContext : JsonSerializerContext;
