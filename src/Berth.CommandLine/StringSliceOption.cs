namespace Berth.CommandLine;

/// <summary>
/// A comma-separated, repeatable value (pflag StringSlice, type word <c>strings</c>): <c>--x a,b --x c</c>
/// gives <c>[a, b, c]</c>. Each occurrence is read as one CSV record, so <c>"a,b",c</c> gives
/// <c>[a,b, c]</c>. The first occurrence replaces the default, later ones append.
/// </summary>
public sealed class StringSliceOption : CliOption<IReadOnlyList<string>>
{
    /// <summary>Creates the flag; an empty default is not shown in help.</summary>
    public StringSliceOption(
        string name,
        char? shortName,
        string description,
        IReadOnlyList<string>? defaultValue = null,
        string? valueName = null)
        : base(name, shortName, description, defaultValue ?? [], valueName)
    {
    }

    /// <inheritdoc />
    protected internal override string TypeName => "strings";

    /// <inheritdoc />
    protected internal override string? DefaultText =>
        DefaultValue.Count == 0 ? null : "[" + CsvRecord.Write(DefaultValue) + "]";

    /// <inheritdoc />
    protected internal override IReadOnlyList<string> Parse(string text, IReadOnlyList<string> current, bool wasSet)
    {
        IReadOnlyList<string> values = CsvRecord.Read(text);
        return wasSet ? [.. current, .. values] : values;
    }
}
