using System.Text.Json.Serialization;

namespace Berth.Engine.Containers;

/// <summary>
/// JSON of the container rows (PascalCase like the API shapes they embed, enums by name), for reading a record.
/// Records are written by hand (<see cref="ContainerRecordWriter"/>), and states are read and written by hand
/// (<see cref="ContainerStateReader"/>, <see cref="ContainerStateWriter"/>), all in the same JSON.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerRecord))]
internal sealed partial class ContainerJsonContext : JsonSerializerContext;

