using System.Text.Json.Serialization;

namespace Berth.Images.Json;

/// <summary>Source-generated JSON for docker-archive's own files (manifest.json, repositories).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<DockerManifestItem>))]
[JsonSerializable(typeof(SortedDictionary<string, SortedDictionary<string, string>>))]
internal sealed partial class ImagesJsonContext : JsonSerializerContext;
