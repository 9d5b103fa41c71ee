namespace Berth.CommandLine;

/// <summary>A switch (pflag bool): <c>-a</c>, <c>--all</c>, <c>--all=false</c>; combinable as <c>-aq</c>.</summary>
public sealed class BoolOption : CliOption<bool>
{
    /// <summary>Creates the switch.</summary>
    public BoolOption(string name, char? shortName, string description, bool defaultValue = false)
        : base(name, shortName, description, defaultValue, valueName: null)
    {
    }

    /// <inheritdoc />
    protected internal override string TypeName => "";

    /// <inheritdoc />
    protected internal override string? ImplicitValue => "true";

    /// <inheritdoc />
    protected internal override string? DefaultText => DefaultValue ? "true" : null;

    /// <inheritdoc />
    protected internal override bool Parse(string text, bool current, bool wasSet) => GoStrconv.ParseBool(text);
}
