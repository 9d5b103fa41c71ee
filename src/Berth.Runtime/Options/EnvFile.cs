using Berth.Oci;

namespace Berth.Runtime.Options;

/// <summary>
/// <c>--env-file</c> content by the docker CLI's rules: one VAR=value a line taken verbatim (no quotes,
/// no trimming of the value), leading whitespace and a UTF-8 BOM dropped, blank lines and lines starting with
/// '#' skipped; a bare VAR takes its value from <c>lookup</c> and is left out when that has none.
/// </summary>
public static class EnvFile
{
    public static IReadOnlyList<string> Parse(string text, Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        if (text.StartsWith('\uFEFF')) text = text[1..];
        var result = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            line = line.TrimStart();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var equals = line.IndexOf('=');
            var name = (equals < 0 ? line : line[..equals]).TrimStart(' ', '\t');
            if (name.AsSpan().IndexOfAny(' ', '\t') >= 0)
                throw BerthException.Invalid($"poorly formatted environment: variable '{name}' contains whitespaces");
            if (name.Length == 0)
                throw BerthException.Invalid($"poorly formatted environment: no variable name on line '{line}'");
            if (equals >= 0) result.Add(name + "=" + line[(equals + 1)..]);
            else if (lookup(line) is { } value) result.Add(line.Trim() + "=" + value);
        }
        return result;
    }
}
