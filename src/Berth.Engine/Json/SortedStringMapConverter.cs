using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Engine.Json;

/// <summary>
/// Writes a string map (labels, driver options) with its keys in byte order, as Docker's JSON does (Go's encoding
/// of a map sorts its keys), so <c>inspect</c> and <c>{{json .Labels}}</c> print the same text for the same map.
/// </summary>
public sealed class SortedStringMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("expected an object of strings");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String) throw new JsonException($"expected a string for \"{key}\"");
            map[key] = reader.GetString()!;
        }
        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var key in value.Keys.Order(StringComparer.Ordinal)) writer.WriteString(key, value[key]);
        writer.WriteEndObject();
    }
}
