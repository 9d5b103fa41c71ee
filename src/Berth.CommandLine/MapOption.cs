namespace Berth.CommandLine;

/// <summary>
/// Repeatable <c>key=value</c> pairs (docker's <c>opts.MapOpts</c>, type word <c>map</c>): a value without
/// <c>=</c> sets the key to an empty string, a repeated key keeps the last value. Docker prints the default
/// even when empty (<c>(default map[])</c>), and so does this type.
/// </summary>
public sealed class MapOption : CliOption<IReadOnlyDictionary<string, string>>
{
    private readonly Func<string, string>? _validator;

    /// <summary>Creates the flag; an optional validator may normalize or reject (FormatException) a pair.</summary>
    public MapOption(
        string name,
        char? shortName,
        string description,
        IReadOnlyDictionary<string, string>? defaultValue = null,
        string? valueName = null,
        Func<string, string>? validator = null)
        : base(name, shortName, description, defaultValue ?? new Dictionary<string, string>(), valueName)
    {
        _validator = validator;
    }

    /// <inheritdoc />
    protected internal override string TypeName => "map";

    // Go's fmt prints a map with its keys sorted: map[a:1 b:2].
    /// <inheritdoc />
    protected internal override string? DefaultText =>
        "map[" + string.Join(' ', DefaultValue.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + p.Value)) + "]";

    /// <inheritdoc />
    protected internal override IReadOnlyDictionary<string, string> Parse(
        string text, IReadOnlyDictionary<string, string> current, bool wasSet)
    {
        string pair = _validator is null ? text : _validator(text);
        int eq = pair.IndexOf('=', StringComparison.Ordinal);
        var result = new Dictionary<string, string>(current, StringComparer.Ordinal)
        {
            [eq < 0 ? pair : pair[..eq]] = eq < 0 ? "" : pair[(eq + 1)..],
        };
        return result;
    }
}
