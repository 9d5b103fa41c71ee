using System.Globalization;

namespace Berth.CommandLine;

/// <summary>A 64-bit integer (pflag int64, shown as <c>int</c> in help as pflag does).</summary>
public sealed class LongOption : CliOption<long>
{
    /// <summary>Creates the flag; a zero default is not shown in help.</summary>
    public LongOption(string name, char? shortName, string description, long defaultValue = 0, string? valueName = null)
        : base(name, shortName, description, defaultValue, valueName)
    {
    }

    /// <inheritdoc />
    protected internal override string TypeName => "int";

    /// <inheritdoc />
    protected internal override string? DefaultText =>
        DefaultValue == 0 ? null : DefaultValue.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    protected internal override long Parse(string text, long current, bool wasSet) => GoStrconv.ParseInt(text, 64);
}
