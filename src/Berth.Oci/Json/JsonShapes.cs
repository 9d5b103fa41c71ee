using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Berth.Oci.Json;

/// <summary>
/// The shapes the hand-written JSON writers (the runtime spec, an exec's process, a container's row and state, a
/// snapshot's record) write over and over: the document itself, and inside it arrays of strings, arrays of objects,
/// string maps and single values, each left out when null as the serializer's WhenWritingNull does.
/// </summary>
public static class JsonShapes
{
    /// <summary>Options for those writers: the serializer's escaping, without the cost of its encoder's first use.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = DefaultEquivalentJsonEncoder.Instance };

    /// <summary>One JSON object, its members written by <paramref name="writeMembers"/>, as UTF-8.</summary>
    public static byte[] ObjectBytes<T>(T value, int capacity, Action<Utf8JsonWriter, T> writeMembers) =>
        WriteObject(value, capacity, writeMembers).WrittenSpan.ToArray();

    /// <summary><see cref="ObjectBytes"/> as text, for a database column.</summary>
    public static string ObjectText<T>(T value, int capacity, Action<Utf8JsonWriter, T> writeMembers) =>
        Encoding.UTF8.GetString(WriteObject(value, capacity, writeMembers).WrittenSpan);

    private static ArrayBufferWriter<byte> WriteObject<T>(T value, int capacity, Action<Utf8JsonWriter, T> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(capacity);
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        json.WriteStartObject();
        writeMembers(json, value);
        json.WriteEndObject();
        json.Flush();
        return buffer;
    }

    public static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string>? values)
    {
        if (values is null) return;
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    /// <summary>An array of objects, each written by <paramref name="writeMembers"/> inside its braces.</summary>
    public static void WriteObjects<T>(Utf8JsonWriter json, string name, IReadOnlyList<T>? items, Action<Utf8JsonWriter, T> writeMembers)
    {
        if (items is null) return;
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            writeMembers(json, item);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string>? map)
    {
        if (map is null) return;
        json.WriteStartObject(name);
        foreach (var (key, value) in map) json.WriteString(key, value);
        json.WriteEndObject();
    }

    public static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
    }

    public static void WriteOptional(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number) json.WriteNumber(name, number);
    }

    public static void WriteOptional(Utf8JsonWriter json, string name, ulong? value)
    {
        if (value is { } number) json.WriteNumber(name, number);
    }

    public static void WriteOptional(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is { } flag) json.WriteBoolean(name, flag);
    }
}
