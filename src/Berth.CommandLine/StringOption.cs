namespace Berth.CommandLine;

/// <summary>A single string value (pflag string); a repeated flag keeps the last value.</summary>
public sealed class StringOption : CliOption<string>
{
    /// <summary>Creates the flag; an empty default is not shown in help.</summary>
    public StringOption(string name, char? shortName, string description, string defaultValue = "", string? valueName = null)
        : base(name, shortName, description, defaultValue, valueName)
    {
    }

    /// <inheritdoc />
    protected internal override string TypeName => "string";

    /// <inheritdoc />
    protected internal override string? DefaultText => DefaultValue.Length == 0 ? null : GoStrconv.Quote(DefaultValue);

    /// <inheritdoc />
    protected internal override string Parse(string text, string current, bool wasSet) => text;
}
