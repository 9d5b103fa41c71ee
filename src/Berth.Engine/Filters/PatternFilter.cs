using System.Text.RegularExpressions;

namespace Berth.Engine.Filters;

/// <summary>
/// Go's <c>filters.Match</c>, which Docker's <c>name</c> filters use: an exact match, else the value as an
/// unanchored regular expression (so plain text is a substring test); one that does not compile simply does
/// not match. Non-backtracking keeps a hostile pattern linear, like Go's RE2.
/// </summary>
internal static class PatternFilter
{
    public static bool Matches(string pattern, string value)
    {
        if (pattern == value) return true;
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
