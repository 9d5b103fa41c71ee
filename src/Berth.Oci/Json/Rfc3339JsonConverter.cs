using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Oci.Json;

/// <summary>
/// Times as Go's RFC 3339 with nanoseconds writes them (<c>2024-01-02T03:04:05.123Z</c>): always UTC with
/// <c>Z</c>, fractional digits only as many as needed. Configs written this way read back byte-identical in
/// docker and keep image digests stable across machines and time zones.
/// </summary>
public sealed class Rfc3339JsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new JsonException($"invalid time \"{text}\"");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
