namespace Berth.Builder.Context;

/// <summary>
/// Go's <c>path/filepath.Match</c> on Linux: '*' is any run of non-'/' characters, '?' one non-'/' character,
/// '[...]' a class ('^' negates, ranges with '-'), '\' escapes the next character. Dockerfile COPY/ADD sources and
/// .dockerignore validation both follow these rules, so malformed patterns must fail exactly where Go fails
/// (<see cref="IsValid"/>), including in parts of a pattern a mismatch never reached.
/// </summary>
internal static class GoPathMatch
{
    /// <summary>True when <paramref name="name"/> has an unescaped '*', '?' or '[' (BuildKit's wildcard test).</summary>
    public static bool ContainsWildcards(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '\\') { i++; continue; }
            if (c is '*' or '?' or '[') return true;
        }
        return false;
    }

    /// <summary>The pattern with its escapes removed, for components without wildcards.</summary>
    public static string Unescape(string pattern)
    {
        if (!pattern.Contains('\\')) return pattern;
        var chars = new System.Text.StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length) i++;
            chars.Append(pattern[i]);
        }
        return chars.ToString();
    }

    /// <summary>Whether Go would accept <paramref name="pattern"/> (filepath.ErrBadPattern otherwise).</summary>
    public static bool IsValid(string pattern)
    {
        try
        {
            Match(pattern, ".");
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Go's Match; a malformed pattern throws <see cref="FormatException"/>.</summary>
    public static bool Match(string pattern, string name)
    {
        var p = pattern;
        var n = name;
        while (p.Length > 0)
        {
            var (star, chunk, rest) = ScanChunk(p);
            p = rest;
            if (star && chunk.Length == 0) return !n.Contains('/', StringComparison.Ordinal);
            var (after, ok) = MatchChunk(chunk, n);
            if (ok && (after.Length == 0 || p.Length > 0))
            {
                n = after;
                continue;
            }
            if (star)
            {
                var found = false;
                for (var i = 0; i < n.Length && n[i] != '/'; i++)
                {
                    (after, ok) = MatchChunk(chunk, n[(i + 1)..]);
                    if (!ok) continue;
                    if (p.Length == 0 && after.Length > 0) continue;
                    n = after;
                    found = true;
                    break;
                }
                if (found) continue;
            }
            // Go checks the rest of the pattern before reporting a mismatch, so syntax errors always surface.
            while (p.Length > 0)
            {
                (_, chunk, p) = ScanChunk(p);
                MatchChunk(chunk, "");
            }
            return false;
        }
        return n.Length == 0;
    }

    private static (bool Star, string Chunk, string Remainder) ScanChunk(string pattern)
    {
        var star = false;
        while (pattern.Length > 0 && pattern[0] == '*')
        {
            pattern = pattern[1..];
            star = true;
        }
        var inRange = false;
        int i;
        for (i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\') { if (i + 1 < pattern.Length) i++; }
            else if (c == '[') inRange = true;
            else if (c == ']') inRange = false;
            else if (c == '*' && !inRange) break;
        }
        return (star, pattern[..i], pattern[i..]);
    }

    // Returns the rest of name after chunk matched its start; a syntax error throws even when the name ran out,
    // as Go's matchChunk keeps parsing with failed = true.
    private static (string After, bool Ok) MatchChunk(string chunk, string s)
    {
        var failed = false;
        while (chunk.Length > 0)
        {
            if (!failed && s.Length == 0) failed = true;
            switch (chunk[0])
            {
                case '[':
                {
                    var r = '\0';
                    if (!failed) { r = s[0]; s = s[1..]; }
                    chunk = chunk[1..];
                    var negated = chunk.Length > 0 && chunk[0] == '^';
                    if (negated) chunk = chunk[1..];
                    var matched = false;
                    var ranges = 0;
                    while (true)
                    {
                        if (chunk.Length > 0 && chunk[0] == ']' && ranges > 0)
                        {
                            chunk = chunk[1..];
                            break;
                        }
                        var lo = GetEscaped(ref chunk);
                        var hi = lo;
                        if (chunk[0] == '-') { chunk = chunk[1..]; hi = GetEscaped(ref chunk); }
                        if (lo <= r && r <= hi) matched = true;
                        ranges++;
                    }
                    if (matched == negated) failed = true;
                    break;
                }
                case '?':
                    if (!failed)
                    {
                        if (s[0] == '/') failed = true;
                        s = s[1..];
                    }
                    chunk = chunk[1..];
                    break;
                case '\\':
                    chunk = chunk[1..];
                    if (chunk.Length == 0) throw new FormatException("syntax error in pattern");
                    goto default;
                default:
                    if (!failed)
                    {
                        if (chunk[0] != s[0]) failed = true;
                        s = s[1..];
                    }
                    chunk = chunk[1..];
                    break;
            }
        }
        return failed ? ("", false) : (s, true);
    }

    private static char GetEscaped(ref string chunk)
    {
        if (chunk.Length == 0 || chunk[0] == '-' || chunk[0] == ']') throw new FormatException("syntax error in pattern");
        if (chunk[0] == '\\')
        {
            chunk = chunk[1..];
            if (chunk.Length == 0) throw new FormatException("syntax error in pattern");
        }
        var c = chunk[0];
        chunk = chunk[1..];
        if (chunk.Length == 0) throw new FormatException("syntax error in pattern");
        return c;
    }
}
