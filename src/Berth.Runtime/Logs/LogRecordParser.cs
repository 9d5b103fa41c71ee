using System.Globalization;
using System.Text.Json;

namespace Berth.Runtime.Logs;

/// <summary>
/// Parses one json-file line without reflection. A line that is not a record (bad JSON, missing fields, an unknown
/// stream, a torn write) is reported as false so readers skip it rather than fail the whole log.
/// </summary>
internal static class LogRecordParser
{
    public static bool TryParse(ReadOnlySpan<byte> json, out LogEntry entry)
    {
        entry = default;
        try
        {
            return TryParseCore(json, out entry);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryParseCore(ReadOnlySpan<byte> json, out LogEntry entry)
    {
        entry = default;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return false;
        byte[]? log = null;
        LogStream? stream = null;
        DateTimeOffset? time = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("log"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                    return false;
                log = ReadBytes(ref reader);
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                    return false;
                stream = reader.ValueTextEquals("stdout"u8) ? LogStream.Stdout
                    : reader.ValueTextEquals("stderr"u8) ? LogStream.Stderr
                    : null;
                if (stream is null)
                    return false;
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                    return false;
                time = ParseTime(reader.GetString()!);
                if (time is null)
                    return false;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || stream is null || time is null)
            return false;
        entry = new LogEntry(stream.Value, time.Value, log ?? []);
        return true;
    }

    private static byte[] ReadBytes(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
            return reader.ValueSpan.ToArray();
        var buffer = new byte[reader.ValueSpan.Length];
        var n = reader.CopyString(buffer);
        return n == buffer.Length ? buffer : buffer.AsSpan(0, n).ToArray();
    }

    /// <summary>RFC 3339 with up to nine fraction digits (Go's RFC3339Nano); .NET keeps seven.</summary>
    internal static DateTimeOffset? ParseTime(string text)
    {
        var dot = text.IndexOf('.');
        if (dot >= 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
                end++;
            if (end - dot - 1 > 7)
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
        }
        return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var t) ? t : null;
    }
}
