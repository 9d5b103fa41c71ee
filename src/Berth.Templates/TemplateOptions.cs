namespace Berth.Templates;

/// <summary>How a template is parsed and executed.</summary>
public sealed record TemplateOptions
{
    /// <summary>
    /// Extra functions, callable by name after Go's and docker's (a name here replaces a built-in one).
    /// Arguments arrive as: null (nil or a missing value), string, bool, long, System.Numerics.BigInteger,
    /// double, JsonObject, JsonArray or object?[]; return one of those. Throw to fail the execution with
    /// "error calling NAME: message".
    /// </summary>
    public IReadOnlyDictionary<string, Func<object?[], object?>> Functions { get; init; } =
        new Dictionary<string, Func<object?[], object?>>();

    /// <summary>Go's Option("missingkey=error"): a missing property fails instead of giving "&lt;no value&gt;".</summary>
    public bool MissingKeyError { get; init; }

    /// <summary>The template name shown in error messages; docker's --format templates are unnamed.</summary>
    public string Name { get; init; } = "";
}
