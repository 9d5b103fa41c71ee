using System.Text;
using System.Text.RegularExpressions;

namespace Berth.Builder.Context;

/// <summary>
/// One compiled .dockerignore line, matched as moby/patternmatcher matches it: a pattern without wildcards is an
/// exact comparison, "x/**" a prefix test, "**/x" (literal tail) a suffix test, anything else a regular
/// expression where '*' and '?' stop at '/', "**" spans directories, and '\' escapes the next character.
/// </summary>
internal sealed class IgnorePattern
{
    private enum Kind { Exact, Prefix, Suffix, Regex }

    private readonly Kind _kind;
    private readonly Regex? _regex;

    public string Text { get; }

    /// <summary>A '!' line: a match re-includes the path.</summary>
    public bool IsException { get; }

    public IgnorePattern(string cleaned, bool isException)
    {
        Text = cleaned;
        IsException = isException;
        (_kind, var expression) = Compile(cleaned);
        if (_kind != Kind.Regex) return;
        try
        {
            _regex = new Regex(expression, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw Berth.Oci.BerthException.Invalid("syntax error in pattern", e);
        }
    }

    public bool Matches(string path) => _kind switch
    {
        Kind.Exact => path == Text,
        Kind.Prefix => path.StartsWith(Text[..^2], StringComparison.Ordinal),
        // "**/foo" also matches "foo" itself: the "**/" may stand for no directory at all.
        Kind.Suffix => path.EndsWith(Text[2..], StringComparison.Ordinal) ||
                       (Text.Length > 2 && Text[2] == '/' && path == Text[3..]),
        _ => _regex!.IsMatch(path),
    };

    private static (Kind Kind, string Expression) Compile(string pattern)
    {
        var regex = new StringBuilder("^");
        var kind = Kind.Exact;
        var i = 0;
        for (var index = 0; i < pattern.Length; index++)
        {
            var c = pattern[i++];
            if (c == '*')
            {
                if (i < pattern.Length && pattern[i] == '*')
                {
                    i++;
                    if (i < pattern.Length && pattern[i] == '/') i++;
                    if (i >= pattern.Length)
                    {
                        // A trailing "**" accepts everything below, as in .gitignore.
                        if (kind == Kind.Exact) kind = Kind.Prefix;
                        else
                        {
                            regex.Append(".*");
                            kind = Kind.Regex;
                        }
                    }
                    else
                    {
                        regex.Append("(.*/)?");
                        kind = Kind.Regex;
                    }
                    if (index == 0) kind = Kind.Suffix;
                }
                else
                {
                    regex.Append("[^/]*");
                    kind = Kind.Regex;
                }
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
                kind = Kind.Regex;
            }
            else if (".+()|{}$".Contains(c))
            {
                // Special to regular expressions but literal in Go's filepath.Match; '^' is left alone as
                // patternmatcher leaves it, so "[^a]" stays a negated class.
                regex.Append('\\').Append(c);
            }
            else if (c == '\\')
            {
                if (i < pattern.Length)
                {
                    regex.Append('\\').Append(pattern[i++]);
                    kind = Kind.Regex;
                }
                else regex.Append(@"\\");
            }
            else if (c is '[' or ']')
            {
                regex.Append(c);
                kind = Kind.Regex;
            }
            else regex.Append(c);
        }
        regex.Append(@"\z");
        return (kind, regex.ToString());
    }
}
