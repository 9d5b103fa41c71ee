using System.Text;
using System.Text.Json;

namespace Berth.Oci.Json;

/// <summary>
/// Reads chosen members of a JSON object in one forward pass, for code on a container's start or removal that
/// needs a few fields of a large record (a container's row, runc's state) and not the serializer's metadata for all
/// of it. A plain reader rather than a JSON document: the document rents its buffers from the shared array pool,
/// whose first use times the processor-number lookup, a fifth of a millisecond in a fresh process. A member absent,
/// or of another JSON kind, reads as unset.
/// </summary>
public static class JsonMembers
{
    /// <summary>Handles the member at <paramref name="path"/> (names joined by dots), its value the reader's token; false skips it.</summary>
    public delegate bool Visitor(string path, ref Utf8JsonReader reader);

    /// <summary>
    /// Calls <paramref name="visit"/> for every member of the object and of the objects named in
    /// <paramref name="objects"/> (paths, as "HostConfig" or "HostConfig.LogConfig"), which are entered instead.
    /// Throws <see cref="JsonException"/> for malformed JSON or a value that is not an object.
    /// </summary>
    public static void Visit(ReadOnlySpan<byte> json, IReadOnlyCollection<string> objects, Visitor visit)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("expected a JSON object");
        VisitMembers(ref reader, "", objects, visit);
    }

    /// <inheritdoc cref="Visit(ReadOnlySpan{byte}, IReadOnlyCollection{string}, Visitor)"/>
    public static void Visit(string json, IReadOnlyCollection<string> objects, Visitor visit) =>
        Visit(Encoding.UTF8.GetBytes(json), objects, visit);

    private static void VisitMembers(ref Utf8JsonReader reader, string prefix, IReadOnlyCollection<string> objects, Visitor visit)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var path = prefix + reader.GetString();
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject && objects.Contains(path)) VisitMembers(ref reader, path + ".", objects, visit);
            // A handler that took no scalar from an object or array (one of another kind than it reads) leaves it
            // whole, to be skipped here.
            else if (!visit(path, ref reader) || reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        }
    }

    public static string? Text(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

    public static bool IsTrue(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.True;

    /// <summary>An array's strings; the reader is left on its end. Null for another kind of value (skipped).</summary>
    public static List<string>? Strings(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }
        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : "");
            reader.Skip();
        }
        return values;
    }

    /// <summary>An object's string members; the reader is left on its end. Null for another kind of value (skipped).</summary>
    public static Dictionary<string, string>? StringMap(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.String) map[name] = reader.GetString()!;
            else reader.Skip();
        }
        return map;
    }
}
