using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Templates.Execution;

/// <summary>Go's fmt.Sprintf for the verbs templates use: v s q d x X o b c t e E f F g G and %%.</summary>
internal static class GoPrintf
{
    private readonly record struct Spec(bool Minus, bool Plus, bool Space, bool Zero, bool Sharp, int Width, int Prec, char Verb);

    public static string Sprintf(string format, IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        int argIndex = 0;
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }
            i++;
            bool minus = false, plus = false, space = false, zero = false, sharp = false;
            for (; i < format.Length; i++)
            {
                switch (format[i])
                {
                    case '-': minus = true; zero = false; continue;
                    case '+': plus = true; continue;
                    case ' ': space = true; continue;
                    case '0': zero = !minus; continue;
                    case '#': sharp = true; continue;
                }
                break;
            }
            int width = ReadNumber(format, ref i, args, ref argIndex);
            int prec = -1;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                prec = Math.Max(ReadNumber(format, ref i, args, ref argIndex), 0);
            }
            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }
            char verb = format[i];
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }
            if (argIndex >= args.Count)
            {
                sb.Append("%!").Append(verb).Append("(MISSING)");
                continue;
            }
            var spec = new Spec(minus, plus, space, zero && !minus, sharp, width, prec, verb);
            sb.Append(Format(args[argIndex++], spec));
        }
        if (argIndex < args.Count)
        {
            sb.Append("%!(EXTRA ");
            sb.Append(string.Join(", ", args.Skip(argIndex).Select(a => a is null or Missing ? "<nil>" : GoValues.TypeName(a) + "=" + GoFmt.FormatV(a))));
            sb.Append(')');
        }
        return sb.ToString();
    }

    private static int ReadNumber(string format, ref int i, IReadOnlyList<object?> args, ref int argIndex)
    {
        if (i < format.Length && format[i] == '*')
        {
            i++;
            return argIndex < args.Count && GoValues.TryGetInt(args[argIndex++], out long star) ? (int)star : -1;
        }
        int start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }
        return i > start ? int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture) : -1;
    }

    private static string Format(object? arg, Spec spec)
    {
        switch (arg)
        {
            case JsonArray or object?[]:
                return "[" + string.Join(" ", GoValues.AsList(arg).Select(e => Format(e, spec))) + "]";
            case JsonObject o when spec.Verb != 'T':
                return "map[" + string.Join(" ", GoValues.SortedEntries(o).Select(kv => Format(kv.Key, spec) + ":" + Format(kv.Value, spec))) + "]";
        }
        string? body = spec.Verb == 'v' && arg is not double ? GoFmt.FormatV(arg) : arg switch
        {
            null or Missing => spec.Verb == 'v' ? "<nil>" : null,
            string s => FormatString(s, spec),
            bool b => spec.Verb == 't' ? (b ? "true" : "false") : null,
            long or BigInteger => FormatInteger(arg is long l ? l : (BigInteger)arg, spec),
            double d => FormatDouble(d, spec),
            _ => null,
        };
        if (body is null)
        {
            return "%!" + spec.Verb + "(" + (arg is null or Missing ? "<nil>" : GoValues.TypeName(arg) + "=" + GoFmt.FormatV(arg)) + ")";
        }
        return Pad(body, spec, numeric: GoValues.IsNumber(arg));
    }

    private static string Pad(string body, Spec spec, bool numeric)
    {
        int len = GoQuote.EnumerateRunes(body).Count();
        if (spec.Width <= len)
        {
            return body;
        }
        int n = spec.Width - len;
        if (spec.Minus)
        {
            return body + new string(' ', n);
        }
        if (spec.Zero)
        {
            int signLen = numeric && body.Length > 0 && body[0] is '-' or '+' or ' ' ? 1 : 0;
            return body[..signLen] + new string('0', n) + body[signLen..];
        }
        return new string(' ', n) + body;
    }

    private static string? FormatString(string s, Spec spec)
    {
        if (spec.Prec >= 0 && spec.Verb is 's' or 'q' or 'v')
        {
            s = string.Concat(GoQuote.EnumerateRunes(s).Take(spec.Prec).Select(r => r.ToString()));
        }
        return spec.Verb switch
        {
            's' or 'v' => s,
            'q' => spec.Sharp && !s.Contains('`') ? "`" + s + "`" : GoQuote.Quote(s),
            'x' => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(s)),
            'X' => Convert.ToHexString(Encoding.UTF8.GetBytes(s)),
            _ => null,
        };
    }

    private static string? FormatInteger(BigInteger v, Spec spec)
    {
        string sign = v < 0 ? "-" : spec.Plus ? "+" : spec.Space ? " " : "";
        var abs = BigInteger.Abs(v);
        string? digits = spec.Verb switch
        {
            'd' => abs.ToString(CultureInfo.InvariantCulture),
            'x' => (spec.Sharp ? "0x" : "") + ToBase(abs, 16),
            'X' => (spec.Sharp ? "0X" : "") + ToBase(abs, 16).ToUpperInvariant(),
            'o' => (spec.Sharp ? "0" : "") + ToBase(abs, 8),
            'O' => "0o" + ToBase(abs, 8),
            'b' => ToBase(abs, 2),
            'c' => v >= 0 && v <= 0x10FFFF ? char.ConvertFromUtf32((int)v) : "\uFFFD",
            'q' => v >= 0 && v <= 0x10FFFF && Rune.IsValid((int)v) ? GoQuote.Quote(char.ConvertFromUtf32((int)v), '\'') : "'\uFFFD'",
            'U' => "U+" + ((int)v).ToString("X4", CultureInfo.InvariantCulture),
            _ => null,
        };
        if (digits is null)
        {
            return null;
        }
        if (spec.Verb is 'c' or 'q' or 'U')
        {
            return digits;
        }
        if (spec.Prec >= 0 && digits.Length < spec.Prec)
        {
            digits = new string('0', spec.Prec - digits.Length) + digits;
        }
        return sign + digits;
    }

    private static string ToBase(BigInteger v, int radix)
    {
        if (v.IsZero)
        {
            return "0";
        }
        var sb = new StringBuilder();
        while (v > 0)
        {
            sb.Insert(0, "0123456789abcdef"[(int)(v % radix)]);
            v /= radix;
        }
        return sb.ToString();
    }

    private static string? FormatDouble(double d, Spec spec)
    {
        string? s = spec.Verb switch
        {
            'v' => GoFmt.FormatFloat(d, 'g', spec.Prec),
            'e' or 'E' or 'f' or 'F' or 'g' or 'G' => GoFmt.FormatFloat(d, spec.Verb == 'F' ? 'f' : spec.Verb,
                spec.Prec >= 0 ? spec.Prec : spec.Verb is 'g' or 'G' ? -1 : 6),
            _ => null,
        };
        if (s is not null && !s.StartsWith('-'))
        {
            s = (spec.Plus ? "+" : spec.Space ? " " : "") + s;
        }
        return s;
    }
}
