using System.Text;

namespace Berth.CommandLine;

/// <summary>
/// pflag's <c>FlagUsagesWrapped</c>: one line per visible flag sorted by name, descriptions aligned one column
/// past the longest <c>-x, --name type</c>, wrapped to <c>cols</c> with pflag's slop rule (a line may run up to
/// five characters long to avoid a short orphan) and its quirks kept, so the text matches docker's help.
/// </summary>
internal static class FlagUsages
{
    public static string Render(IEnumerable<CliOption> options, int cols)
    {
        var lines = new List<string>();
        int maxlen = 0;
        foreach (CliOption option in options.Where(o => !o.Hidden).OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            string line = option.ShortName is { } c ? $"  -{c}, --{option.Name}" : $"      --{option.Name}";
            if (option.ValueName.Length > 0)
            {
                line += " " + option.ValueName;
            }

            if (option.ImplicitValue is { } implicitValue)
            {
                line += option.TypeName switch
                {
                    "string" => $"[=\"{implicitValue}\"]",
                    "" when implicitValue == "true" => "",
                    _ => $"[={implicitValue}]",
                };
            }

            line += "\0";
            maxlen = Math.Max(maxlen, line.Length);
            line += option.Description;
            if (option.DefaultText is { } defaultText)
            {
                line += $" (default {defaultText})";
            }

            lines.Add(line);
        }

        var sb = new StringBuilder();
        foreach (string line in lines)
        {
            int sidx = line.IndexOf('\0', StringComparison.Ordinal);
            sb.Append(line, 0, sidx)
                .Append(' ')
                .Append(' ', maxlen - sidx)
                .Append(' ')
                .Append(Wrap(maxlen + 2, cols, line[(sidx + 1)..]))
                .Append('\n');
        }

        return sb.ToString();
    }

    // pflag's wrap: the first line is indented by the caller; too narrow a column moves the text under a
    // 16-space indent, and narrower still gives up wrapping.
    internal static string Wrap(int indent, int width, string s)
    {
        if (width == 0)
        {
            return s.Replace("\n", "\n" + new string(' ', indent), StringComparison.Ordinal);
        }

        int wrap = width - indent;
        string r = "";
        if (wrap < 24)
        {
            indent = 16;
            wrap = width - indent;
            r += "\n" + new string(' ', indent);
        }

        if (wrap < 24)
        {
            return s.Replace("\n", r, StringComparison.Ordinal);
        }

        const int slop = 5;
        wrap -= slop;
        string pad = new(' ', indent);
        (string line, s) = WrapN(wrap, slop, s);
        r += line.Replace("\n", "\n" + pad, StringComparison.Ordinal);
        while (s.Length > 0)
        {
            (line, s) = WrapN(wrap, slop, s);
            r += "\n" + pad + line.Replace("\n", "\n" + pad, StringComparison.Ordinal);
        }

        return r;
    }

    private static (string Line, string Remainder) WrapN(int i, int slop, string s)
    {
        if (i + slop > s.Length)
        {
            return (s, "");
        }

        string head = s[..i];
        int w = head.LastIndexOfAny([' ', '\t', '\n']);
        if (w <= 0)
        {
            return (s, "");
        }

        int nl = head.LastIndexOf('\n');
        return nl > 0 && nl < w ? (s[..nl], s[(nl + 1)..]) : (s[..w], s[(w + 1)..]);
    }
}
