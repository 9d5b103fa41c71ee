using System.Text.RegularExpressions;
using Berth.Oci;

namespace Berth.Engine.Images;

/// <summary>
/// Docker's <c>reference</c> filter: Go's path.Match of the pattern against the familiar name with tag and
/// without (reference.FamiliarMatch), so <c>busy*</c> and <c>busybox:1*</c> both match <c>busybox:1.36</c>.
/// </summary>
internal static class ReferencePattern
{
    public static bool Matches(string pattern, string storedName)
    {
        if (!Reference.TryParse(storedName, out var reference, out _)) return false;
        var regex = ToRegex(pattern);
        return regex.IsMatch(reference.ToFamiliarString()) || regex.IsMatch(reference.FamiliarName);
    }

    // path.Match: '*' matches any run of non-'/' characters, '?' one non-'/' character, '[...]' a class.
    private static Regex ToRegex(string pattern)
    {
        var builder = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*': builder.Append("[^/]*"); break;
                case '?': builder.Append("[^/]"); break;
                case '[':
                    var end = pattern.IndexOf(']', i + 1);
                    if (end < 0) { builder.Append("\\["); break; }
                    var set = pattern[(i + 1)..end];
                    builder.Append('[').Append(set.StartsWith('^') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = end;
                    break;
                case '\\' when i + 1 < pattern.Length: builder.Append(Regex.Escape(pattern[++i].ToString())); break;
                default: builder.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return new Regex(builder.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
