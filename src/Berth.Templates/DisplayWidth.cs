using System.Globalization;
using System.Text;

namespace Berth.Templates;

/// <summary>
/// Terminal column width of text, as docker's tabwriter measures it with go-runewidth: East Asian wide and
/// full-width characters take two columns, combining marks and control characters none.
/// </summary>
internal static class DisplayWidth
{
    public static int Of(string text)
    {
        int width = 0;
        foreach (var rune in GoQuote.EnumerateRunes(text))
        {
            width += Of(rune);
        }
        return width;
    }

    private static int Of(Rune r)
    {
        int v = r.Value;
        var category = Rune.GetUnicodeCategory(r);
        if (v < 0x20 || (v >= 0x7f && v < 0xa0) || category is UnicodeCategory.NonSpacingMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.Format || v == 0x200B)
        {
            return 0;
        }
        bool wide = v is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF)
            or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF)
            or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFE30 and <= 0xFE4F)
            or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x1F300 and <= 0x1F64F)
            or (>= 0x1F900 and <= 0x1F9FF) or (>= 0x20000 and <= 0x3FFFD);
        return wide ? 2 : 1;
    }
}
