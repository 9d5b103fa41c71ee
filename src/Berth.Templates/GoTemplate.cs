using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Templates.Execution;
using Berth.Templates.Parsing;

namespace Berth.Templates;

/// <summary>
/// A parsed Go text/template, as docker's --format uses it (Go's builtins plus docker's json, split, join,
/// title, lower, upper, pad and truncate), executed over System.Text.Json data. Immutable and reusable;
/// each execution has its own variable stack.
/// </summary>
public sealed class GoTemplate
{
    private readonly ParsedTemplate _parsed;
    private readonly FunctionTable _functions;
    private readonly TemplateOptions _options;

    private GoTemplate(ParsedTemplate parsed, FunctionTable functions, TemplateOptions options)
    {
        _parsed = parsed;
        _functions = functions;
        _options = options;
    }

    /// <summary>The template source text.</summary>
    public string Text => _parsed.Text;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="TemplateException"/> on a syntax error.</summary>
    public static GoTemplate Parse(string text, TemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new TemplateOptions();
        var functions = FunctionTable.Create(options);
        var parsed = Parser.Parse(options.Name, text, functions.Contains);
        return new GoTemplate(parsed, functions, options);
    }

    /// <summary>Runs the template with <paramref name="data"/> as dot and returns the output.</summary>
    public string Execute(JsonNode? data)
    {
        var writer = new StringWriter();
        Execute(writer, data);
        return writer.ToString();
    }

    /// <summary>Runs the template over a JsonElement (converted to a JsonNode view).</summary>
    public string Execute(JsonElement data) => Execute(ToNode(data));

    /// <summary>
    /// Runs the template, writing to <paramref name="output"/>. Output written before an error stays
    /// written, as in Go; the error is thrown as <see cref="TemplateException"/>.
    /// </summary>
    public void Execute(TextWriter output, JsonNode? data)
    {
        ArgumentNullException.ThrowIfNull(output);
        new Executor(_parsed, _functions, _options, output).Run(data);
    }

    /// <summary>Runs with docker's header functions (json, split, join, title, lower, upper, truncate pass text through).</summary>
    internal void ExecuteHeader(TextWriter output, JsonNode? headers) =>
        new Executor(_parsed, _functions.With(DockerFunctions.Header()), _options, output).Run(headers);

    private static JsonNode? ToNode(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element),
        JsonValueKind.Array => JsonArray.Create(element),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonValue.Create(element),
    };
}
