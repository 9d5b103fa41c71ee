using System.Globalization;
using System.Text;
using static Berth.Templates.Execution.ParamKind;

namespace Berth.Templates.Execution;

/// <summary>
/// The functions docker/cli's templates package adds (json, split, join, title, lower, upper, pad, truncate),
/// and the "header" variants docker swaps in when it renders a table's header row.
/// </summary>
internal static class DockerFunctions
{
    public static IEnumerable<FunctionDef> All() =>
    [
        FunctionDef.Fixed("json", a => GoJson.Encode(a[0]), Any),
        FunctionDef.Fixed("split", a => Split((string)a[0]!, (string)a[1]!), Text, Text),
        FunctionDef.Fixed("join", a => string.Join((string)a[1]!, ((object?[])a[0]!).Cast<string>()), TextList, Text),
        FunctionDef.Fixed("title", a => Title((string)a[0]!), Text),
        FunctionDef.Fixed("lower", a => ((string)a[0]!).ToLowerInvariant(), Text),
        FunctionDef.Fixed("upper", a => ((string)a[0]!).ToUpperInvariant(), Text),
        FunctionDef.Fixed("pad", a => Pad((string)a[0]!, (long)a[1]!, (long)a[2]!), Text, Integer, Integer),
        FunctionDef.Fixed("truncate", a => Truncate((string)a[0]!, (long)a[1]!), Text, Integer),
    ];

    /// <summary>docker's HeaderFunctions: the header text passes through unchanged ("pad" is kept for alignment).</summary>
    public static IEnumerable<FunctionDef> Header() =>
    [
        FunctionDef.Fixed("json", a => a[0], Text),
        FunctionDef.Fixed("split", a => a[0], Text, Text),
        FunctionDef.Fixed("join", a => a[0], Text, Text),
        FunctionDef.Fixed("title", a => a[0], Text),
        FunctionDef.Fixed("lower", a => a[0], Text),
        FunctionDef.Fixed("upper", a => a[0], Text),
        FunctionDef.Fixed("truncate", a => a[0], Text, Integer),
    ];

    private static object?[] Split(string s, string sep)
    {
        if (sep.Length == 0)
        {
            return GoQuote.EnumerateRunes(s).Select(r => (object?)r.ToString()).ToArray();
        }
        return s.Split(sep).Select(x => (object?)x).ToArray();
    }

    /// <summary>strings.Title: upper-cases the first letter of each word; separators are as Go defines them.</summary>
    private static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        Rune prev = new(' ');
        foreach (var r in GoQuote.EnumerateRunes(s))
        {
            sb.Append(IsSeparator(prev) ? Rune.ToUpperInvariant(r).ToString() : r.ToString());
            prev = r;
        }
        return sb.ToString();
    }

    private static bool IsSeparator(Rune r)
    {
        if (r.IsAscii)
        {
            char c = (char)r.Value;
            return !(char.IsAsciiLetterOrDigit(c) || c == '_');
        }
        return !Rune.IsLetterOrDigit(r) && Rune.IsWhiteSpace(r);
    }

    private static string Pad(string s, long prefix, long suffix)
    {
        if (s.Length == 0)
        {
            return s;
        }
        if (prefix < 0 || suffix < 0)
        {
            throw new InvalidOperationException("strings: negative Repeat count");
        }
        return new string(' ', (int)prefix) + s + new string(' ', (int)suffix);
    }

    /// <summary>docker truncates at a byte length (its IDs are ASCII).</summary>
    private static string Truncate(string s, long length)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s);
        if (bytes.Length < length)
        {
            return s;
        }
        if (length < 0)
        {
            throw new InvalidOperationException("runtime error: slice bounds out of range [:" +
                length.ToString(CultureInfo.InvariantCulture) + "]");
        }
        return Encoding.UTF8.GetString(bytes, 0, (int)length);
    }
}
