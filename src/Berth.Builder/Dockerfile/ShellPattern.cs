using System.Text;
using System.Text.RegularExpressions;
using Berth.Oci;

namespace Berth.Builder.Dockerfile;

/// <summary>
/// The shell patterns of <c>${VAR#pat}</c>, <c>${VAR%pat}</c> and <c>${VAR/pat/repl}</c> as BuildKit matches
/// them: <c>*</c> and <c>?</c> wildcards, <c>\</c> escapes for <c>*</c>, <c>?</c> and <c>\</c>, no bracket
/// expressions. The shortest rightmost suffix is found by reversing both pattern and value.
/// </summary>
internal static class ShellPattern
{
    public static string TrimPrefix(string pattern, string value, bool greedy)
    {
        var match = ToRegex(pattern, greedy, anchored: true).Match(value);
        return match.Success ? value[(match.Index + match.Length)..] : value;
    }

    public static string TrimSuffix(string pattern, string value, bool greedy) =>
        Reverse(TrimPrefix(ReversePattern(pattern), Reverse(value), greedy));

    public static string Replace(string pattern, string value, string replacement, bool all)
    {
        var regex = ToRegex(pattern, greedy: true, anchored: false);
        // The replacement is literal text here (no $1 groups exist to refer to).
        return all ? regex.Replace(value, _ => replacement) : regex.Replace(value, _ => replacement, 1);
    }

    private static Regex ToRegex(string pattern, bool greedy, bool anchored)
    {
        var sb = new StringBuilder(pattern.Length + 4);
        if (anchored) sb.Append('^');
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    sb.Append(greedy ? ".*" : ".*?");
                    continue;
                case '?':
                    // One character is one code point, as in Go, not one UTF-16 unit.
                    sb.Append(@"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|.)");
                    continue;
                case '\\':
                    // \} and \/ only protect the ${} syntax; the escape is not part of the pattern.
                    if (i + 1 < pattern.Length && pattern[i + 1] is '}' or '/') continue;
                    if (i + 1 >= pattern.Length || pattern[i + 1] is not ('*' or '?' or '\\'))
                    {
                        var bad = i + 1 < pattern.Length ? pattern[i + 1].ToString() : "\uFFFD";
                        throw BerthException.Invalid($"invalid pattern ({pattern}) in substitution: invalid escape '\\{bad}'");
                    }
                    sb.Append('\\').Append(pattern[++i]);
                    continue;
                case '[' or ']' or '{' or '}' or '.' or '+' or '(' or ')' or '|' or '^' or '$':
                    sb.Append('\\');
                    break;
                case '#' or ' ' or '\t' or '\n' or '\r' or '\f' or '\v':
                    // Literal in Go's RE2; escaped so .NET reads them literally whatever the options.
                    sb.Append(Regex.Escape(c.ToString()));
                    continue;
            }
            sb.Append(c);
        }
        // Go's RE2 runs in linear time; the non-backtracking engine keeps `*a*a*a*b` from going exponential.
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    // Both reversals work on code points, as Go's do on runes, so surrogate pairs survive.
    private static string ReversePattern(string pattern)
    {
        // Keeps each \x escape in front of the character it escapes.
        var runes = pattern.EnumerateRunes().ToArray();
        var output = new Rune[runes.Length];
        var last = runes.Length - 1;
        for (var i = 0; i <= last;)
        {
            var outIdx = last - i;
            if (runes[i].Value == '\\' && i != last)
            {
                output[outIdx - 1] = runes[i];
                output[outIdx] = runes[i + 1];
                i += 2;
            }
            else
            {
                output[outIdx] = runes[i];
                i++;
            }
        }
        return string.Concat(output.Select(r => r.ToString()));
    }

    private static string Reverse(string s) => string.Concat(s.EnumerateRunes().Reverse().Select(r => r.ToString()));
}
