namespace Berth.CommandLine;

/// <summary>The values given on one command line, keyed by flag definition; unset flags read as their default.</summary>
internal sealed class ParsedValues
{
    private readonly Dictionary<CliOption, object?> _values = [];

    public bool IsSet(CliOption option) => _values.ContainsKey(option);

    public T Get<T>(CliOption<T> option) =>
        _values.TryGetValue(option, out object? value) ? (T)value! : option.DefaultValue;

    /// <summary>Applies one occurrence; returns pflag's "invalid argument" message when the text is rejected.</summary>
    public string? Apply(CliOption option, string text)
    {
        bool wasSet = _values.TryGetValue(option, out object? current);
        try
        {
            _values[option] = option.ApplyBoxed(text, current, wasSet);
            return null;
        }
        catch (FormatException ex)
        {
            return $"invalid argument {GoStrconv.Quote(text)} for {GoStrconv.Quote(option.DisplayName)} flag: {ex.Message}";
        }
    }
}
