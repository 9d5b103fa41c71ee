using System.Globalization;

namespace Berth.CommandLine;

/// <summary>A 32-bit integer (pflag int), parsed like Go's strconv.ParseInt with base 0.</summary>
public sealed class IntOption : CliOption<int>
{
    /// <summary>Creates the flag; a zero default is not shown in help.</summary>
    public IntOption(string name, char? shortName, string description, int defaultValue = 0, string? valueName = null)
        : base(name, shortName, description, defaultValue, valueName)
    {
    }

    /// <inheritdoc />
    protected internal override string TypeName => "int";

    /// <inheritdoc />
    protected internal override string? DefaultText =>
        DefaultValue == 0 ? null : DefaultValue.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    protected internal override int Parse(string text, int current, bool wasSet) => (int)GoStrconv.ParseInt(text, 32);
}
