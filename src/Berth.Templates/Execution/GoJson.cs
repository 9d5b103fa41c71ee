using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Templates.Execution;

/// <summary>
/// docker's "json" template function: encoding/json with SetEscapeHTML(false), trailing newline trimmed.
/// Objects keep their property order (Go encodes struct fields in declaration order); strings use Go's
/// escapes (\u00XX in lower case, \u2028 and \u2029 escaped, '&lt;' '&gt;' '&amp;' left alone).
/// </summary>
internal static class GoJson
{
    public static string Encode(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? v)
    {
        switch (v)
        {
            case null or Missing:
                sb.Append("null");
                break;
            case string s:
                WriteString(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case BigInteger bi:
                sb.Append(bi.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(FormatFloat(d));
                break;
            case JsonObject o:
                sb.Append('{');
                bool first = true;
                foreach (var kv in o)
                {
                    sb.Append(first ? "" : ",");
                    first = false;
                    WriteString(sb, kv.Key);
                    sb.Append(':');
                    Write(sb, GoValues.FromNode(kv.Value));
                }
                sb.Append('}');
                break;
            case JsonArray or object?[]:
                sb.Append('[');
                var list = GoValues.AsList(v);
                for (int i = 0; i < list.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ",");
                    Write(sb, list[i]);
                }
                sb.Append(']');
                break;
            default:
                WriteString(sb, v.ToString() ?? "");
                break;
        }
    }

    /// <summary>encoding/json float64: 'f' form unless the exponent is below -6 or at least 21.</summary>
    private static string FormatFloat(double d)
    {
        double abs = Math.Abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            string s = GoFmt.FormatFloat(d, 'e', -1);
            // Go trims e-07 to e-7.
            int n = s.Length;
            if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0')
            {
                s = s[..(n - 2)] + s[(n - 1)..];
            }
            return s;
        }
        return GoFmt.FormatFloat(d, 'f', -1);
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var rune in GoQuote.EnumerateRunes(s))
        {
            int c = rune.Value;
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < 0x20 or 0x2028 or 0x2029:
                    sb.Append("\\u").Append(c.ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(rune.ToString());
                    break;
            }
        }
        sb.Append('"');
    }
}
