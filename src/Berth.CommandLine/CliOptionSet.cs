using System.Collections;

namespace Berth.CommandLine;

/// <summary>
/// The flags of one command (or the global flags of the root). Names and shorthands are unique within a set;
/// a clash is a programming error and throws at definition time. Help lists the flags sorted by name, as
/// pflag does, whatever order they were added in.
/// </summary>
public sealed class CliOptionSet : IReadOnlyCollection<CliOption>
{
    private readonly List<CliOption> _options = [];

    /// <inheritdoc />
    public int Count => _options.Count;

    /// <summary>Adds a flag of any type, including one defined outside this library.</summary>
    public TOption Add<TOption>(TOption option)
        where TOption : CliOption
    {
        ArgumentNullException.ThrowIfNull(option);
        if (Find(option.Name) is not null)
        {
            throw new InvalidOperationException($"flag redefined: {option.Name}");
        }

        if (option.ShortName is { } c && FindShort(c) is { } used)
        {
            throw new InvalidOperationException($"unable to redefine '{c}' shorthand: it's already used for \"{used.Name}\" flag");
        }

        _options.Add(option);
        return option;
    }

    /// <summary>Adds a switch: <c>-a</c>, <c>--all</c>, <c>--all=false</c>.</summary>
    public BoolOption AddBool(string name, char? shortName, string description, bool defaultValue = false) =>
        Add(new BoolOption(name, shortName, description, defaultValue));

    /// <summary>Adds a string flag; a repeated flag keeps the last value.</summary>
    public StringOption AddString(
        string name, char? shortName, string description, string defaultValue = "", string? valueName = null) =>
        Add(new StringOption(name, shortName, description, defaultValue, valueName));

    /// <summary>Adds a 32-bit integer flag.</summary>
    public IntOption AddInt(string name, char? shortName, string description, int defaultValue = 0, string? valueName = null) =>
        Add(new IntOption(name, shortName, description, defaultValue, valueName));

    /// <summary>Adds a 64-bit integer flag.</summary>
    public LongOption AddLong(string name, char? shortName, string description, long defaultValue = 0, string? valueName = null) =>
        Add(new LongOption(name, shortName, description, defaultValue, valueName));

    /// <summary>Adds a repeatable flag (docker's <c>list</c>); values are never split on commas.</summary>
    public ListOption AddList(
        string name, char? shortName, string description, string? valueName = null, Func<string, string>? validator = null) =>
        Add(new ListOption(name, shortName, description, defaultValue: null, valueName, validator));

    /// <summary>Adds a comma-separated repeatable flag (pflag's <c>strings</c>).</summary>
    public StringSliceOption AddStringSlice(
        string name, char? shortName, string description, IReadOnlyList<string>? defaultValue = null, string? valueName = null) =>
        Add(new StringSliceOption(name, shortName, description, defaultValue, valueName));

    /// <summary>Adds a repeatable <c>key=value</c> flag (docker's <c>map</c>).</summary>
    public MapOption AddMap(
        string name, char? shortName, string description, string? valueName = null, Func<string, string>? validator = null) =>
        Add(new MapOption(name, shortName, description, defaultValue: null, valueName, validator));

    /// <summary>The flag with this long name, or null.</summary>
    public CliOption? Find(string name) => _options.Find(o => o.Name == name);

    /// <summary>The flag with this shorthand, or null.</summary>
    public CliOption? FindShort(char shortName) => _options.Find(o => o.ShortName == shortName);

    /// <inheritdoc />
    public IEnumerator<CliOption> GetEnumerator() => _options.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
