using System.Text;
using System.Text.Json;
using Berth.Oci;

namespace Berth.Runtime.Oci;

/// <summary>
/// Extracts runc's own error message from its log (<c>--log-format json</c> lines) or stderr (logrus text lines
/// <c>time="…" level=error msg="…"</c>, or the bare message runc prints next to a log file) and maps it to an
/// error kind.
/// </summary>
internal static class RuncErrorText
{
    /// <summary>The last error-level message in <paramref name="output"/>, or null when there is none.</summary>
    public static string? LastError(string output)
    {
        string? last = null;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('{'))
            {
                if (FromJson(line) is { } json) last = json;
                continue;
            }

            if (line.StartsWith("time=", StringComparison.Ordinal))
            {
                if (FromText(line) is { } text) last = text;
                continue;
            }

            last = line;
        }

        return last;
    }

    public static ErrorKind KindFor(string message)
    {
        var text = message.ToLowerInvariant();
        if (text.Contains("does not exist") || text.Contains("not found")) return ErrorKind.NotFound;
        if (text.Contains("already exists")) return ErrorKind.AlreadyExists;
        if (text.Contains("permission denied") || text.Contains("operation not permitted")) return ErrorKind.PermissionDenied;
        if (text.Contains("not running") || text.Contains("not paused") || text.Contains("not stopped")
            || text.Contains("stopped container") || text.Contains("is paused") || text.Contains("already running") || text.Contains("not created"))
        {
            return ErrorKind.Conflict;
        }

        return ErrorKind.Internal;
    }

    private static string? FromJson(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var level = root.TryGetProperty("level", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
            if (level is not ("error" or "fatal" or "panic")) return null;
            return root.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        }
        catch (JsonException)
        {
            return line;
        }
    }

    private static string? FromText(string line)
    {
        var level = Field(line, "level");
        if (level is not ("error" or "fatal" or "panic")) return null;
        return Field(line, "msg");
    }

    // logrus writes key=value pairs; values with spaces or quotes are Go-quoted (strconv.Quote).
    private static string? Field(string line, string key)
    {
        var marker = " " + key + "=";
        var at = line.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var start = at + marker.Length;
        if (start >= line.Length) return "";
        if (line[start] != '"')
        {
            var end = line.IndexOf(' ', start);
            return end < 0 ? line[start..] : line[start..end];
        }

        var value = new StringBuilder();
        for (var i = start + 1; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"') return value.ToString();
            if (c != '\\' || i + 1 >= line.Length)
            {
                value.Append(c);
                continue;
            }

            var e = line[++i];
            switch (e)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case 'x' when Hex(line, i + 1, 2) is { } b:
                    value.Append(b);
                    i += 2;
                    break;
                case 'u' when Hex(line, i + 1, 4) is { } u:
                    value.Append(u);
                    i += 4;
                    break;
                default: value.Append(e); break;
            }
        }

        return value.ToString();
    }

    private static char? Hex(string line, int start, int length) =>
        start + length <= line.Length
        && int.TryParse(line.AsSpan(start, length), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var v)
            ? (char)v
            : null;
}
