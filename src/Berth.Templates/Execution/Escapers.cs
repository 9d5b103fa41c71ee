using System.Globalization;
using System.Text;

namespace Berth.Templates.Execution;

/// <summary>Go's html, js and urlquery template functions.</summary>
internal static class Escapers
{
    /// <summary>Go's evalArgs: a lone string as is, otherwise fmt.Sprint with nil shown as "&lt;no value&gt;".</summary>
    public static string EvalArgs(object?[] args)
    {
        if (args is [string s])
        {
            return s;
        }
        return GoFmt.Sprint(args.Select(a => GoValues.IsNil(a) ? "<no value>" : a).ToArray());
    }

    public static string Html(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            sb.Append(c switch
            {
                '\0' => "\uFFFD",
                '"' => "&#34;",
                '\'' => "&#39;",
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    public static string Js(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var rune in GoQuote.EnumerateRunes(s))
        {
            int c = rune.Value;
            string? escaped = c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '"' => "\\\"",
                '<' => "\\u003C",
                '>' => "\\u003E",
                '&' => "\\u0026",
                '=' => "\\u003D",
                < ' ' => "\\u00" + c.ToString("X2", CultureInfo.InvariantCulture),
                >= 0x80 when !GoQuote.IsPrint(rune) => "\\u" + c.ToString("X4", CultureInfo.InvariantCulture),
                _ => null,
            };
            sb.Append(escaped ?? rune.ToString());
        }
        return sb.ToString();
    }

    public static string UrlQuery(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(s))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }
}
