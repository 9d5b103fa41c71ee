using System.Text.RegularExpressions;
using Berth.Oci;

namespace Berth.Builder.Dockerfile;

/// <summary>
/// Reads parser directives (<c># syntax=</c>, <c># escape=</c>, <c># check=</c>) from the first lines. The first
/// line that is not a known directive (an instruction, a blank line, any other comment) ends them for good.
/// </summary>
internal sealed partial class DirectiveReader
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private bool _done;

    public ParserDirectives Result { get; private set; } = new();

    public void ReadLine(string line)
    {
        if (_done) return;
        if (!line.StartsWith('#'))
        {
            _done = true;
            return;
        }
        var match = DirectiveRegex().Match(line[1..].TrimStart());
        var key = match.Success ? match.Groups[1].Value.ToLowerInvariant() : "";
        if (key is not ("syntax" or "escape" or "check"))
        {
            _done = true;
            return;
        }
        if (!_seen.Add(key)) throw BerthException.Invalid($"only one {key} parser directive can be used");
        var value = match.Groups[2].Value;
        Result = key switch
        {
            "syntax" => Result with { Syntax = value },
            "check" => Result with { Check = value },
            _ => Result with
            {
                Escape = value is "\\" or "`"
                    ? value[0]
                    : throw BerthException.Invalid($"invalid escape token '{value}' does not match ` or \\"),
            },
        };
    }

    [GeneratedRegex(@"\A([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*\z", RegexOptions.Singleline)]
    private static partial Regex DirectiveRegex();
}
