namespace Berth.CommandLine;

/// <summary>
/// A flag whose parsed value has type <typeparamref name="T"/>. A new flag type is one sealed subclass that
/// names its type word, parses text (throwing <see cref="FormatException"/> with pflag's cause text on bad
/// input) and says how its default is printed.
/// </summary>
public abstract class CliOption<T> : CliOption
{
    /// <summary>Creates the flag; <paramref name="valueName"/> replaces the type word in help when given.</summary>
    protected CliOption(string name, char? shortName, string description, T defaultValue, string? valueName)
        : base(name, shortName, description, valueName)
    {
        DefaultValue = defaultValue;
    }

    /// <summary>The value seen by handlers when the flag is not given.</summary>
    public T DefaultValue { get; }

    /// <summary>
    /// Parses one occurrence. <paramref name="current"/> is the value so far (the default on the first
    /// occurrence, when <paramref name="wasSet"/> is false); repeatable flags append to it, scalars replace it.
    /// </summary>
    /// <exception cref="FormatException">The text is invalid; the message is the cause pflag prints.</exception>
    protected internal abstract T Parse(string text, T current, bool wasSet);

    internal sealed override object? ApplyBoxed(string text, object? current, bool wasSet) =>
        Parse(text, wasSet ? (T)current! : DefaultValue, wasSet);
}
