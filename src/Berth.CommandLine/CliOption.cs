namespace Berth.CommandLine;

/// <summary>
/// A flag definition, modelled on a pflag <c>Flag</c>: a long name, an optional one-letter shorthand, a
/// description and a value-name word shown in help (<c>string</c>, <c>int</c>, <c>list</c>, or a custom word
/// such as <c>filter</c>). A definition holds no parsed state; values live in the <see cref="CliContext"/> of
/// one invocation, so one tree can be invoked many times. Derive from <see cref="CliOption{T}"/> to add a type.
/// </summary>
public abstract class CliOption
{
    private protected CliOption(string name, char? shortName, string description, string? valueName)
    {
        if (string.IsNullOrEmpty(name) || name.StartsWith('-') || name.Contains('='))
        {
            throw new ArgumentException($"invalid flag name '{name}'", nameof(name));
        }

        if (shortName is { } c && (c == '-' || c == '=' || char.IsWhiteSpace(c)))
        {
            throw new ArgumentException($"invalid shorthand '{c}' for flag '{name}'", nameof(shortName));
        }

        Name = name;
        ShortName = shortName;
        Description = description;
        ValueNameOverride = valueName;
    }

    /// <summary>The long name, used as <c>--name</c>.</summary>
    public string Name { get; }

    /// <summary>The shorthand letter, used as <c>-x</c>; null when the flag has none.</summary>
    public char? ShortName { get; }

    /// <summary>The help text; it may span several lines.</summary>
    public string Description { get; }

    /// <summary>Hidden flags are parsed as usual but not listed in help.</summary>
    public bool Hidden { get; set; }

    /// <summary>The word printed after the flag names in help; empty for switches such as bool flags.</summary>
    public string ValueName => ValueNameOverride ?? TypeName;

    private string? ValueNameOverride { get; }

    /// <summary>The pflag type word (<c>string</c>, <c>int</c>, <c>list</c>, <c>strings</c>, <c>map</c>); empty for bool.</summary>
    protected internal abstract string TypeName { get; }

    /// <summary>
    /// The value used when the flag is given without one (pflag's <c>NoOptDefVal</c>): <c>"true"</c> for bool
    /// flags, null for flags that require a value.
    /// </summary>
    protected internal virtual string? ImplicitValue => null;

    /// <summary>The default as pflag prints it after the description, or null when pflag omits it (zero values).</summary>
    protected internal abstract string? DefaultText { get; }

    /// <summary>"-n, --last" or "--last", as pflag names a flag in error messages.</summary>
    internal string DisplayName => ShortName is { } c ? $"-{c}, --{Name}" : $"--{Name}";

    internal abstract object? ApplyBoxed(string text, object? current, bool wasSet);
}
