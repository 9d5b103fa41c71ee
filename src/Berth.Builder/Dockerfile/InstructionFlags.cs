using Berth.Oci;

namespace Berth.Builder.Dockerfile;

/// <summary>
/// BuildKit's BFlags: each instruction declares the flags it knows, then <see cref="Parse"/> checks the
/// <c>--name[=value]</c> words the line carried. Booleans take no value, <c>=true</c> or <c>=false</c>; strings
/// need a value; string lists repeat. Instructions that never call Parse silently ignore their flags, as in BuildKit.
/// </summary>
internal sealed class InstructionFlags
{
    private enum Kind { Bool, String, Strings }

    private readonly IReadOnlyList<string> _args;
    private readonly Dictionary<string, Kind> _declared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _lists = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public InstructionFlags(IReadOnlyList<string> args)
    {
        _args = args;
    }

    public void AddBool(string name) => _declared[name] = Kind.Bool;

    public void AddString(string name) => _declared[name] = Kind.String;

    public void AddStrings(string name) => _declared[name] = Kind.Strings;

    public bool IsUsed(string name) => _used.Contains(name);

    public string? String(string name) => _values.GetValueOrDefault(name);

    public bool Bool(string name) => _values.GetValueOrDefault(name) == "true";

    public IReadOnlyList<string> Strings(string name) => _lists.TryGetValue(name, out var list) ? list : [];

    public void Parse()
    {
        foreach (var arg in _args)
        {
            // A bare -- ends the options, as in the POSIX utility syntax guidelines.
            if (arg == "--") return;
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw BerthException.Invalid($"arg should start with -- : {arg}");
            var eq = arg.IndexOf('=');
            var flagName = eq < 0 ? arg : arg[..eq];
            var value = eq < 0 ? "" : arg[(eq + 1)..];
            var hasValue = eq >= 0;
            var name = flagName[2..];
            if (!_declared.TryGetValue(name, out var kind))
                throw BerthException.Invalid(Suggestion.Wrap($"unknown flag: {flagName}", name, _declared.Keys, caseSensitive: true));
            if (!_used.Add(name) && kind != Kind.Strings) throw BerthException.Invalid($"duplicate flag specified: {flagName}");
            switch (kind)
            {
                case Kind.Bool:
                    if (hasValue && value.Length == 0) throw BerthException.Invalid($"missing a value on flag: {flagName}");
                    _values[name] = value.ToLowerInvariant() switch
                    {
                        "true" or "" => "true",
                        "false" => "false",
                        _ => throw BerthException.Invalid($"expecting boolean value for flag {flagName}, not: {value}"),
                    };
                    break;
                case Kind.String:
                    if (!hasValue) throw BerthException.Invalid($"missing a value on flag: {flagName}");
                    _values[name] = value;
                    break;
                default:
                    if (!hasValue) throw BerthException.Invalid($"missing a value on flag: {flagName}");
                    if (!_lists.TryGetValue(name, out var list)) _lists[name] = list = [];
                    list.Add(value);
                    break;
            }
        }
    }
}
