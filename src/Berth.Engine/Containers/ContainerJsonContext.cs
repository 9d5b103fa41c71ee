using System.Text.Json.Serialization;

namespace Berth.Engine.Containers;

/// <summary>JSON of the container rows (PascalCase like the API shapes they embed; states as lower-case strings).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerRecord))]
[JsonSerializable(typeof(ContainerState))]
internal sealed partial class ContainerJsonContext : JsonSerializerContext;
