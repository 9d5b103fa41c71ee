using System.Text.Json.Serialization;

namespace Berth.Snapshots.Tests;

/// <summary>The serializer's JSON of the snapshot records, which <see cref="SnapshotRecordJson"/> writes and reads by hand.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(SnapshotRecord))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext;
