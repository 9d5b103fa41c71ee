using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Templates.Execution;

/// <summary>Go's fmt for the values JSON can hold: %v, Sprint and Sprintln, and float formatting.</summary>
internal static class GoFmt
{
    public static string Sprint(IReadOnlyList<object?> args)
    {
        // fmt.Sprint adds a space between operands when neither side is a string.
        var sb = new StringBuilder();
        for (int i = 0; i < args.Count; i++)
        {
            if (i > 0 && args[i] is not string && args[i - 1] is not string)
            {
                sb.Append(' ');
            }
            sb.Append(FormatV(args[i]));
        }
        return sb.ToString();
    }

    public static string Sprintln(IReadOnlyList<object?> args) =>
        string.Join(" ", args.Select(FormatV)) + "\n";

    public static string FormatV(object? v) => v switch
    {
        null or Missing => "<nil>",
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        BigInteger b => b.ToString(CultureInfo.InvariantCulture),
        double d => FormatFloat(d, 'g', -1),
        JsonObject o => "map[" + string.Join(" ", GoValues.SortedEntries(o).Select(kv => kv.Key + ":" + FormatV(kv.Value))) + "]",
        JsonArray or object?[] => "[" + string.Join(" ", GoValues.AsList(v).Select(FormatV)) + "]",
        _ => v.ToString() ?? "",
    };

    /// <summary>strconv.FormatFloat for 'e', 'f' and 'g'; precision -1 means the shortest exact digits.</summary>
    public static string FormatFloat(double d, char verb, int prec)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }
        if (double.IsInfinity(d))
        {
            return d > 0 ? "+Inf" : "-Inf";
        }
        bool upper = char.IsUpper(verb);
        string result = char.ToLowerInvariant(verb) switch
        {
            'f' => prec < 0 ? FixedShortest(d) : d.ToString("F" + prec, CultureInfo.InvariantCulture),
            'e' => Exponent(d, prec),
            _ => General(d, prec),
        };
        if (d == 0 && double.IsNegative(d) && !result.StartsWith('-'))
        {
            result = "-" + result;
        }
        return upper ? result.ToUpperInvariant() : result;
    }

    private static (string Digits, int Exp) Decompose(double d, int significant)
    {
        // "E" gives d.ddddE+xxx; for the shortest form "R" digits are used.
        if (significant < 0)
        {
            // "R" yields the shortest digits that round-trip, as Go's shortest formatting does.
            string r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
            return (ShortestDigits(r), d == 0 ? 0 : ShortestExponent(r));
        }
        string s = Math.Abs(d).ToString("E" + Math.Max(significant - 1, 0), CultureInfo.InvariantCulture);
        int ei = s.IndexOf('E');
        string digits = s[..ei].Replace(".", "", StringComparison.Ordinal);
        return (digits, d == 0 ? 0 : int.Parse(s.AsSpan(ei + 1), CultureInfo.InvariantCulture));
    }

    /// <summary>The decimal exponent of the first significant digit of a "R"-formatted number.</summary>
    private static int ShortestExponent(string r)
    {
        int ei = r.IndexOf('E');
        string mantissa = ei >= 0 ? r[..ei] : r;
        int exp = ei >= 0 ? int.Parse(r.AsSpan(ei + 1), CultureInfo.InvariantCulture) : 0;
        int dot = mantissa.IndexOf('.');
        string intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        string trimmed = intPart.TrimStart('0');
        if (trimmed.Length > 0)
        {
            return exp + trimmed.Length - 1;
        }
        string frac = dot >= 0 ? mantissa[(dot + 1)..] : "";
        int zeros = frac.Length - frac.TrimStart('0').Length;
        return exp - zeros - 1;
    }

    private static string ShortestDigits(string r)
    {
        int ei = r.IndexOfAny(['E', 'e']);
        string mantissa = ei >= 0 ? r[..ei] : r;
        string digits = mantissa.Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        digits = digits.TrimEnd('0');
        return digits.Length == 0 ? "0" : digits;
    }

    private static string Sign(double d) => d < 0 ? "-" : "";

    private static string ExpText(int exp) =>
        (exp < 0 ? "e-" : "e+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);

    private static string Exponent(double d, int prec)
    {
        var (digits, exp) = Decompose(d, prec < 0 ? -1 : prec + 1);
        string frac = digits.Length > 1 ? "." + digits[1..] : "";
        return Sign(d) + digits[0] + frac + ExpText(exp);
    }

    private static string FixedShortest(double d)
    {
        var (digits, exp) = Decompose(d, -1);
        return Sign(d) + Fixed(digits, exp);
    }

    private static string Fixed(string digits, int exp)
    {
        if (exp < 0)
        {
            return "0." + new string('0', -exp - 1) + digits;
        }
        if (digits.Length <= exp + 1)
        {
            return digits + new string('0', exp + 1 - digits.Length);
        }
        return digits[..(exp + 1)] + "." + digits[(exp + 1)..];
    }

    private static string General(double d, int prec)
    {
        if (prec == 0)
        {
            prec = 1;
        }
        var (digits, exp) = Decompose(d, prec);
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }
        // strconv: the shortest form switches to an exponent below 1e-4 and from 1e6 on (eprec = 6).
        int eprec = prec < 0 ? 6 : prec;
        if (prec >= 0 && eprec > digits.Length && digits.Length >= exp + 1)
        {
            eprec = digits.Length;
        }
        if (exp < -4 || exp >= eprec)
        {
            string frac = digits.Length > 1 ? "." + digits[1..] : "";
            return Sign(d) + digits[0] + frac + ExpText(exp);
        }
        return Sign(d) + Fixed(digits, exp);
    }
}
