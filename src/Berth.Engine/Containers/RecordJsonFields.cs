using System.Text.Json;

namespace Berth.Engine.Containers;

/// <summary>
/// Typed reads of single fields of a container record's stored JSON, for the commands that need a few fields of
/// it and not the serializer's metadata for all of it (<see cref="ExecRecordFields"/>, <see cref="MonitorLaunchFields"/>).
/// An absent field or one of another JSON kind reads as unset.
/// </summary>
internal static class RecordJsonFields
{
    public static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool IsTrue(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    public static List<string>? Strings(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(item => item.GetString() ?? "").ToList()
            : null;
}
