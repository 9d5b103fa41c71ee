namespace Berth.Builder.Dockerfile;

/// <summary>
/// BuildKit's "(did you mean X?)" hint: the closest candidate within Levenshtein distance 2. Candidates are tried
/// in ordinal order so that ties resolve the same way every time (BuildKit's map order is random).
/// </summary>
internal static class Suggestion
{
    public static string Wrap(string message, string value, IEnumerable<string> options, bool caseSensitive)
    {
        var match = Search(value, options, caseSensitive);
        return match is null ? message : $"{message} (did you mean {match}?)";
    }

    private static string? Search(string value, IEnumerable<string> options, bool caseSensitive)
    {
        var original = value;
        if (!caseSensitive) value = value.ToLowerInvariant();
        string? match = null;
        var best = 3;
        foreach (var candidate in options.Order(StringComparer.Ordinal))
        {
            var option = caseSensitive ? candidate : candidate.ToLowerInvariant();
            if (option == value) return null;
            var distance = Distance(value, option);
            if (distance < best)
            {
                match = caseSensitive ? option : MatchCase(option, original);
                best = distance;
            }
        }
        return match;
    }

    private static string MatchCase(string value, string original)
    {
        if (original == original.ToLowerInvariant()) return value.ToLowerInvariant();
        if (original == original.ToUpperInvariant()) return value.ToUpperInvariant();
        return value;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
