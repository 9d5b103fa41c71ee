namespace Berth.CommandLine;

/// <summary>
/// A repeatable value (docker's <c>opts.ListOpts</c>, type word <c>list</c>): <c>-f a -f b</c> gives
/// <c>[a, b]</c>. Values are never split on commas. An optional validator may normalize a value or reject it
/// by throwing <see cref="FormatException"/>, as docker's <c>ValidateEnv</c>-style validators do.
/// </summary>
public sealed class ListOption : CliOption<IReadOnlyList<string>>
{
    private readonly Func<string, string>? _validator;

    /// <summary>Creates the flag; values given on the command line are appended to the default.</summary>
    public ListOption(
        string name,
        char? shortName,
        string description,
        IReadOnlyList<string>? defaultValue = null,
        string? valueName = null,
        Func<string, string>? validator = null)
        : base(name, shortName, description, defaultValue ?? [], valueName)
    {
        _validator = validator;
    }

    /// <inheritdoc />
    protected internal override string TypeName => "list";

    /// <inheritdoc />
    protected internal override string? DefaultText =>
        DefaultValue.Count == 0 ? null : "[" + string.Join(' ', DefaultValue) + "]";

    /// <inheritdoc />
    protected internal override IReadOnlyList<string> Parse(string text, IReadOnlyList<string> current, bool wasSet) =>
        [.. current, _validator is null ? text : _validator(text)];
}
