using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Berth.Templates;

namespace Berth.Cli.Rendering;

/// <summary>
/// Docker's <c>--format</c> conventions: <c>table</c> (headers, tab-aligned like Go's tabwriter with
/// minwidth 10, padding 3), <c>json</c> (one compact object per line), or any Go template applied per item.
/// The two-character sequences <c>\t</c> and <c>\n</c> in a format become tab and newline, as docker does.
/// </summary>
internal static class OutputFormat
{
    public const string FormatHelp = """
        Format output using a custom template:
        'table':            Print output in table format with column headers (default)
        'table TEMPLATE':   Print output in table format using the given Go template
        'json':             Print in JSON format
        'TEMPLATE':         Print output using the given Go template.
        Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates
        """;

    public const string InspectFormatHelp = """
        Format output using a custom template:
        'json':             Print in JSON format
        'TEMPLATE':         Print output using the given Go template.
        Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates
        """;

    private const string TablePrefix = "table";

    /// <summary>
    /// Renders rows with the user's format; a bare <c>table</c> means the command's default table. For
    /// <c>json</c> rows are marshalled as docker marshals its row contexts: sorted keys, Go's HTML escapes.
    /// </summary>
    public static void Write(TextWriter output, string format, IReadOnlyList<JsonObject> rows, IReadOnlyDictionary<string, string> headers, string? defaultTable = null)
    {
        if (format == "json")
        {
            foreach (var row in rows) output.WriteLine(GoJson(row));
            return;
        }
        if (format.Trim() == TablePrefix && defaultTable is not null) format = defaultTable;
        var headerData = new JsonObject();
        foreach (var (field, header) in headers) headerData[field] = header;
        FormatSpec.Parse(format).Write(output, rows, headerData);
    }

    /// <summary>Inspect output: an indented JSON array, or the template applied to each object.</summary>
    public static void WriteInspect<T>(TextWriter output, string format, IReadOnlyList<T> items, JsonTypeInfo<T> type) =>
        WriteInspect(output, format, items.Select(i => ToNode(i, type)).ToList());

    /// <summary>Inspect output of objects already turned into JSON (objects of several kinds in one array).</summary>
    public static void WriteInspect(TextWriter output, string format, IReadOnlyList<JsonNode?> items)
    {
        if (format.Length == 0 || format.Trim() == "json")
        {
            output.WriteLine(Indented(new JsonArray(items.ToArray())));
            return;
        }
        var template = GoTemplate.Parse(Unescape(format));
        foreach (var item in items) output.WriteLine(template.Execute(item));
    }

    public static void WriteSingle(TextWriter output, string format, JsonNode data)
    {
        if (format.Trim() == "json")
        {
            output.WriteLine(GoJson(data));
            return;
        }
        output.WriteLine(GoTemplate.Parse(Unescape(format)).Execute(data));
    }

    public static JsonNode? ToNode<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToNode(value, type);

    private static string Unescape(string format) => format.Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Pretty = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true, IndentSize = 4 };

    /// <summary>Go's json.Marshal escapes &lt;, &gt; and &amp;; they only ever occur inside strings, so a replace is exact.</summary>
    private static string GoEscapes(string json) =>
        json.Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal).Replace("&", "\\u0026", StringComparison.Ordinal);

    private static string GoJson(JsonNode node) => GoEscapes(node.ToJsonString(Compact));

    private static string Indented(JsonNode node) => GoEscapes(node.ToJsonString(Pretty));
}
