using Berth.Oci;

namespace Berth.Builder.Context;

/// <summary>
/// A .dockerignore file (or a list of <c>COPY --exclude</c> patterns) with Docker's semantics: moby's
/// ignorefile reader (a UTF-8 BOM, '#' comment lines and blank lines dropped, surrounding space trimmed, each
/// pattern cleaned with Go's filepath.Clean, a leading '/' dropped) feeding moby/patternmatcher's
/// MatchesOrParentMatches: the last pattern that matches a path or one of its parent directories decides, and a
/// '!' pattern re-includes what an earlier one excluded, even under an excluded directory.
/// </summary>
public sealed class IgnorePatterns
{
    private readonly IgnorePattern[] _patterns;

    private IgnorePatterns(IgnorePattern[] patterns)
    {
        _patterns = patterns;
        HasExceptions = patterns.Any(p => p.IsException);
    }

    public static IgnorePatterns Empty { get; } = new([]);

    /// <summary>Whether any '!' line exists: only then can content under an excluded directory be visible.</summary>
    public bool HasExceptions { get; }

    public bool IsEmpty => _patterns.Length == 0;

    /// <summary>The cleaned patterns, '!' included, in file order.</summary>
    public IReadOnlyList<string> Patterns => _patterns.Select(p => p.IsException ? "!" + p.Text : p.Text).ToArray();

    /// <summary>Parses the text of a .dockerignore file.</summary>
    public static IgnorePatterns Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var lines = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            // Only a '#' in the first column starts a comment; " #x" is the pattern "#x".
            if (line.StartsWith('#')) continue;
            line = line.Trim();
            if (line.Length == 0) continue;
            var invert = line[0] == '!';
            if (invert) line = line[1..].Trim();
            if (line.Length > 0)
            {
                line = GoPath.Clean(line);
                if (line.Length > 1 && line[0] == '/') line = line[1..];
            }
            lines.Add(invert ? "!" + line : line);
        }
        return FromPatterns(lines);
    }

    /// <summary>Compiles patterns as patternmatcher.New does (used directly for <c>COPY --exclude</c>).</summary>
    public static IgnorePatterns FromPatterns(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var compiled = new List<IgnorePattern>();
        foreach (var raw in patterns)
        {
            var p = raw.Trim();
            if (p.Length == 0) continue;
            p = GoPath.Clean(p);
            var exception = p[0] == '!';
            if (exception)
            {
                if (p.Length == 1) throw BerthException.Invalid("illegal exclusion pattern: \"!\"");
                p = p[1..];
            }
            if (!GoPathMatch.IsValid(p)) throw BerthException.Invalid($"syntax error in pattern: {raw.Trim()}");
            compiled.Add(new IgnorePattern(p, exception));
        }
        return compiled.Count == 0 ? Empty : new IgnorePatterns(compiled.ToArray());
    }

    /// <summary>
    /// Whether <paramref name="relativePath"/> (slash-separated, relative to the context root) is excluded. The
    /// root itself never is ("don't let them exclude everything").
    /// </summary>
    public bool IsExcluded(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        if (_patterns.Length == 0) return false;
        var file = GoPath.Clean(relativePath.TrimStart('/'));
        if (file == ".") return false;
        var parent = GoPath.Dir(file);
        var parents = parent == "." ? [] : parent.Split('/');
        var matched = false;
        foreach (var pattern in _patterns)
        {
            // A pattern can only change the outcome if it points the other way.
            if (pattern.IsException != matched) continue;
            var match = pattern.Matches(file);
            for (var i = 1; !match && i <= parents.Length; i++)
                match = pattern.Matches(string.Join('/', parents, 0, i));
            if (match) matched = !pattern.IsException;
        }
        return matched;
    }
}
