using System.Text.Json.Nodes;

namespace Berth.Templates;

/// <summary>
/// docker's --format conventions (cli/command/formatter): "table ..." renders a header row and aligns cells
/// with a tab writer, "json" prints one compact JSON object per row, anything else is a template printed once
/// per row. As docker does, the two-character sequences \t and \n in the format become a tab and a newline,
/// and surrounding spaces are trimmed.
/// </summary>
public sealed class FormatSpec
{
    private const string TableKey = "table";
    private const string JsonKey = "json";
    private const string JsonTemplate = "{{json .}}";

    private FormatSpec(string format, bool isTable, bool isJson, GoTemplate template)
    {
        Format = format;
        IsTable = isTable;
        IsJson = isJson;
        Template = template;
    }

    /// <summary>The format exactly as the user gave it.</summary>
    public string Format { get; }

    /// <summary>The format starts with "table" (docker checks the prefix only).</summary>
    public bool IsTable { get; }

    /// <summary>The format is exactly "json".</summary>
    public bool IsJson { get; }

    /// <summary>The template each row is rendered with.</summary>
    public GoTemplate Template { get; }

    /// <summary>Parses a --format value; throws <see cref="TemplateException"/> when its template is invalid.</summary>
    public static FormatSpec Parse(string format, TemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        bool isTable = format.StartsWith(TableKey, StringComparison.Ordinal);
        bool isJson = format == JsonKey;
        string text = isTable ? format[TableKey.Length..] : isJson ? JsonTemplate : format;
        text = text.Trim(' ').Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
        return new FormatSpec(format, isTable, isJson, GoTemplate.Parse(text, options));
    }

    /// <summary>
    /// Renders <paramref name="rows"/>, each followed by a newline. For a table, the header row is the same
    /// template run over <paramref name="headers"/> (field name → column title, e.g. "ID" → "CONTAINER ID")
    /// with docker's header functions, and everything passes through <see cref="TabWriter.ForDockerTable"/>.
    /// Nothing is written when a row fails; header errors are ignored, as docker ignores them.
    /// </summary>
    public void Write(TextWriter output, IEnumerable<JsonNode?> rows, JsonNode? headers = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        var body = new StringWriter();
        foreach (var row in rows)
        {
            Template.Execute(body, row);
            body.Write('\n');
        }
        if (!IsTable)
        {
            output.Write(body.ToString());
            return;
        }
        var header = new StringWriter();
        try
        {
            Template.ExecuteHeader(header, headers);
        }
        catch (TemplateException)
        {
            // docker/cli discards the header template's error and keeps what it wrote.
        }
        var table = TabWriter.ForDockerTable(output);
        table.Write(header.ToString());
        table.Write('\n');
        table.Write(body.ToString());
        table.Flush();
    }

    /// <summary>Renders to a string; see <see cref="Write"/>.</summary>
    public string Render(IEnumerable<JsonNode?> rows, JsonNode? headers = null)
    {
        var output = new StringWriter();
        Write(output, rows, headers);
        return output.ToString();
    }
}
