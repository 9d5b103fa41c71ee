using System.Text.Json.Serialization;

namespace Berth.Engine.Containers;

/// <summary>
/// JSON of the container rows (PascalCase like the API shapes they embed, enums by name), for
/// reading a record. States are read and written by hand (<see cref="ContainerStateReader"/>,
/// <see cref="ContainerStateWriter"/>) in the same JSON.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerRecord))]
internal sealed partial class ContainerJsonContext : JsonSerializerContext;

/// <summary>
/// The same JSON as <see cref="ContainerJsonContext"/>, written by generated code alone: reading needs the
/// serializer's metadata of every nested type and property, which costs milliseconds to build in each process,
/// and <c>create</c> only writes a row.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(ContainerRecord))]
internal sealed partial class ContainerWriterJsonContext : JsonSerializerContext;
