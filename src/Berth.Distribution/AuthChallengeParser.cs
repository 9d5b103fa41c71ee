using System.Text;

namespace Berth.Distribution;

/// <summary>
/// Parses <c>WWW-Authenticate</c> values (RFC 7235): several challenges per header separated by commas,
/// <c>name=value</c> parameters whose values are tokens or quoted strings with backslash escapes.
/// </summary>
internal static class AuthChallengeParser
{
    public static IReadOnlyList<AuthChallenge> Parse(IEnumerable<string> headerValues)
    {
        var challenges = new List<AuthChallenge>();
        foreach (var value in headerValues) ParseOne(value, challenges);
        return challenges;
    }

    private static void ParseOne(string s, List<AuthChallenge> challenges)
    {
        Dictionary<string, string>? current = null;
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && (s[i] == ',' || char.IsWhiteSpace(s[i]))) i++;
            if (i >= s.Length) break;
            var token = ReadToken(s, ref i);
            if (token.Length == 0)
            {
                i++;
                continue;
            }
            var afterToken = i;
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
            if (i < s.Length && s[i] == '=' && current is not null)
            {
                i++;
                while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
                var value = i < s.Length && s[i] == '"' ? ReadQuoted(s, ref i) : ReadToken(s, ref i);
                current[token] = value;
            }
            else
            {
                i = afterToken;
                current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                challenges.Add(new AuthChallenge(token, current));
            }
        }
    }

    private static string ReadToken(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not ('=' or ',' or '"')) i++;
        return s[start..i];
    }

    private static string ReadQuoted(string s, ref int i)
    {
        var sb = new StringBuilder();
        i++; // opening quote
        while (i < s.Length && s[i] != '"')
        {
            if (s[i] == '\\' && i + 1 < s.Length) i++;
            sb.Append(s[i++]);
        }
        if (i < s.Length) i++; // closing quote
        return sb.ToString();
    }
}
