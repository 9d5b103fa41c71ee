namespace Berth.CommandLine;

/// <summary>
/// pflag's argument scanner for the flags of one command: <c>--flag value</c>, <c>--flag=value</c>,
/// <c>-f value</c>, <c>-fvalue</c>, <c>-f=value</c>, combined shorthands <c>-aq</c>, <c>--</c> ending the
/// flags and a lone <c>-</c> as a positional. Error texts are pflag's, word for word.
/// </summary>
internal sealed class FlagParser
{
    private readonly Dictionary<string, CliOption> _long = new(StringComparer.Ordinal);
    private readonly Dictionary<char, CliOption> _short = [];
    private readonly ParsedValues _values;

    /// <summary>A parser for <paramref name="options"/> plus cobra's help flag where the command leaves room for it.</summary>
    public FlagParser(IEnumerable<CliOption> options, BoolOption help, ParsedValues values)
    {
        _values = values;
        foreach (CliOption option in options)
        {
            _long[option.Name] = option;
            if (option.ShortName is { } c)
            {
                _short[c] = option;
            }
        }

        // cobra adds --help to every command, and -h only when the command does not use it (run's -h is --hostname).
        _long.TryAdd(help.Name, help);
        _short.TryAdd('h', help);
    }

    /// <summary>
    /// Scans <paramref name="args"/> from <paramref name="index"/>. With <paramref name="positionals"/> null it
    /// stops at the first positional (or just after <c>--</c>) leaving <paramref name="index"/> on it;
    /// otherwise it collects positionals and consumes everything. Returns the error text, or null.
    /// </summary>
    public string? Parse(IReadOnlyList<string> args, ref int index, List<string>? positionals)
    {
        while (index < args.Count)
        {
            string s = args[index];
            if (s.Length < 2 || s[0] != '-')
            {
                if (positionals is null)
                {
                    return null;
                }

                positionals.Add(s);
                index++;
                continue;
            }

            index++;
            if (s == "--")
            {
                if (positionals is not null)
                {
                    for (; index < args.Count; index++)
                    {
                        positionals.Add(args[index]);
                    }
                }

                return null;
            }

            string? error = s[1] == '-' ? ParseLong(s, args, ref index) : ParseShort(s, args, ref index);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private string? ParseLong(string s, IReadOnlyList<string> args, ref int index)
    {
        string name = s[2..];
        if (name[0] is '-' or '=')
        {
            return $"bad flag syntax: {s}";
        }

        int eq = name.IndexOf('=', StringComparison.Ordinal);
        string? inline = eq < 0 ? null : name[(eq + 1)..];
        name = eq < 0 ? name : name[..eq];
        if (!_long.TryGetValue(name, out CliOption? option))
        {
            return $"unknown flag: --{name}";
        }

        string value;
        if (inline is not null)
        {
            value = inline;
        }
        else if (option.ImplicitValue is { } implicitValue)
        {
            value = implicitValue;
        }
        else if (index < args.Count)
        {
            value = args[index++];
        }
        else
        {
            return $"flag needs an argument: --{name}";
        }

        return _values.Apply(option, value);
    }

    private string? ParseShort(string s, IReadOnlyList<string> args, ref int index)
    {
        string shorthands = s[1..];
        while (shorthands.Length > 0)
        {
            char c = shorthands[0];
            if (!_short.TryGetValue(c, out CliOption? option))
            {
                return $"unknown shorthand flag: {GoStrconv.QuoteRune(c)} in -{shorthands}";
            }

            string value;
            string rest = "";
            if (shorthands.Length > 2 && shorthands[1] == '=')
            {
                value = shorthands[2..];
            }
            else if (option.ImplicitValue is { } implicitValue)
            {
                value = implicitValue;
                rest = shorthands[1..];
            }
            else if (shorthands.Length > 1)
            {
                value = shorthands[1..];
            }
            else if (index < args.Count)
            {
                value = args[index++];
            }
            else
            {
                return $"flag needs an argument: {GoStrconv.QuoteRune(c)} in -{shorthands}";
            }

            if (_values.Apply(option, value) is { } error)
            {
                return error;
            }

            shorthands = rest;
        }

        return null;
    }
}
