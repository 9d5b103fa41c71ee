using System.Text.Json.Serialization;
using Berth.Engine.Models;

namespace Berth.Engine.Json;

/// <summary>Source-generated JSON for the Docker Engine API shapes (PascalCase, as docker prints them).</summary>
[JsonSourceGenerationOptions(Converters = [typeof(Oci.Json.DigestJsonConverter), typeof(SortedStringMapConverter)])]
[JsonSerializable(typeof(ImageSummary))]
[JsonSerializable(typeof(ImageInspect))]
[JsonSerializable(typeof(IReadOnlyList<ImageInspect>))]
[JsonSerializable(typeof(ImageHistoryItem))]
[JsonSerializable(typeof(DiskUsage))]
[JsonSerializable(typeof(EngineInfo))]
[JsonSerializable(typeof(ContainerInspect))]
[JsonSerializable(typeof(ContainerSummary))]
[JsonSerializable(typeof(ContainerTopResponse))]
[JsonSerializable(typeof(Volume))]
[JsonSerializable(typeof(IReadOnlyList<Volume>))]
[JsonSerializable(typeof(VolumeListResponse))]
[JsonSerializable(typeof(VolumePruneReport))]
[JsonSerializable(typeof(NetworkResource))]
[JsonSerializable(typeof(IReadOnlyList<NetworkResource>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class EngineJsonContext : JsonSerializerContext;
