using System.Globalization;
using System.Text;

namespace Berth.Builder.Execution;

/// <summary>
/// Go's <c>%q</c> and <c>%v</c> of a string slice, which BuildKit's history texts use
/// (<c>CMD ["sh" "-c" "x"]</c>, <c>VOLUME [/data]</c>), so <c>berth history</c> reads as docker's does.
/// </summary>
internal static class GoFormat
{
    public static string QuotedList(IEnumerable<string> values) => "[" + string.Join(' ', values.Select(Quote)) + "]";

    public static string PlainList(IEnumerable<string> values) => "[" + string.Join(' ', values) + "]";

    /// <summary>strconv.Quote: backslash escapes for quotes, backslashes and control characters.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '\r': builder.Append("\\r"); break;
                case < 0x20 or 0x7f: builder.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture)); break;
                default: builder.Append(rune.ToString()); break;
            }
        }
        return builder.Append('"').ToString();
    }
}
