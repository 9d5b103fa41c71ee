using System.Text.Json;
using Berth.Oci.Json;

namespace Berth.Snapshots;

/// <summary>
/// <c>info.json</c> written and read by hand, in the serializer's shape (camelCase names, the kind by name, nulls
/// left out). A container start reads its layer's record and writes its own, and its removal reads it again; the
/// serializer would first build its metadata for the record, which a short-lived process pays each time.
/// </summary>
internal static class SnapshotRecordJson
{
    public static byte[] Write(SnapshotRecord record) =>
        JsonShapes.ObjectBytes(record, 256, WriteMembers);

    private static void WriteMembers(Utf8JsonWriter writer, SnapshotRecord record)
    {
        writer.WriteString("key", record.Key);
        JsonShapes.WriteOptional(writer, "parent", record.Parent);
        if (KindName(record.Kind) is { } kind) writer.WriteString("kind", kind);
        else writer.WriteNumber("kind", (int)record.Kind);
        writer.WriteString("created", record.Created);
        JsonShapes.WriteMap(writer, "labels", record.Labels);
    }

    /// <summary>The record; throws <see cref="JsonException"/> for anything the serializer would not read either.</summary>
    public static SnapshotRecord Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? key = null, parent = null;
        var kind = default(SnapshotKind);
        var created = default(DateTimeOffset);
        Dictionary<string, string>? labels = null;
        try
        {
            Next(ref reader);
            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("expected an object");
            while (true)
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndObject) break;
                var name = reader.GetString();
                Next(ref reader);
                switch (name)
                {
                    case "key": key = ReadString(ref reader); break;
                    case "parent": parent = ReadString(ref reader); break;
                    case "kind": kind = ReadKind(ref reader); break;
                    case "created": created = reader.GetDateTimeOffset(); break;
                    case "labels": labels = ReadLabels(ref reader); break;
                    default: reader.Skip(); break;
                }
            }
            if (reader.Read()) throw new JsonException("unexpected data after the record");
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new JsonException(e.Message, e);
        }
        return new SnapshotRecord(key!, parent, kind, created, labels);
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("the record ends early");
    }

    private static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw new JsonException($"expected a string, found {reader.TokenType}"),
    };

    // As the serializer's enum converter reads: a name in any case, or a number.
    private static SnapshotKind ReadKind(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number) return (SnapshotKind)reader.GetInt32();
        if (reader.TokenType == JsonTokenType.String)
        {
            var name = reader.GetString();
            foreach (var kind in (ReadOnlySpan<SnapshotKind>)[SnapshotKind.Active, SnapshotKind.Committed, SnapshotKind.View])
            {
                if (string.Equals(name, KindName(kind), StringComparison.OrdinalIgnoreCase)) return kind;
            }
        }
        throw new JsonException("expected a snapshot kind");
    }

    private static string? KindName(SnapshotKind kind) => kind switch
    {
        SnapshotKind.Active => "Active",
        SnapshotKind.Committed => "Committed",
        SnapshotKind.View => "View",
        _ => null,
    };

    private static Dictionary<string, string>? ReadLabels(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("expected an object of labels");
        var labels = new Dictionary<string, string>();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) return labels;
            var name = reader.GetString()!;
            Next(ref reader);
            labels[name] = ReadString(ref reader)!;
        }
    }
}
