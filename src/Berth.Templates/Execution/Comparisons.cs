using System.Numerics;
using System.Text.Json.Nodes;

namespace Berth.Templates.Execution;

/// <summary>
/// Go's eq/lt on basic kinds. One deliberate leniency: integers and floats compare by value, because JSON
/// cannot say whether docker's field was an int or a float64 (Go would report incompatible types).
/// </summary>
internal static class Comparisons
{
    private const string BadComparisonType = "invalid type for comparison";
    private const string BadComparison = "incompatible types for comparison";

    public static bool Eq(object? arg1, IReadOnlyList<object?> rest)
    {
        if (arg1 is JsonObject or JsonArray or object?[])
        {
            throw new InvalidOperationException(BadComparisonType);
        }
        foreach (var arg in rest)
        {
            bool truth;
            if (GoValues.IsNil(arg1) || GoValues.IsNil(arg))
            {
                truth = GoValues.IsNil(arg1) && GoValues.IsNil(arg);
            }
            else if (GoValues.IsNumber(arg1) && GoValues.IsNumber(arg))
            {
                truth = CompareNumbers(arg1!, arg!) == 0;
            }
            else if (arg1 is string s1 && arg is string s2)
            {
                truth = s1 == s2;
            }
            else if (arg1 is bool b1 && arg is bool b2)
            {
                truth = b1 == b2;
            }
            else
            {
                throw new InvalidOperationException(
                    arg is JsonObject or JsonArray or object?[] ? "non-comparable type " + GoFmt.FormatV(arg) + ": " + GoValues.TypeName(arg) : BadComparison);
            }
            if (truth)
            {
                return true;
            }
        }
        return false;
    }

    public static bool Lt(object? a, object? b)
    {
        if (!IsOrdered(a) || !IsOrdered(b))
        {
            throw new InvalidOperationException(BadComparisonType);
        }
        if (GoValues.IsNumber(a) && GoValues.IsNumber(b))
        {
            return CompareNumbers(a!, b!) < 0;
        }
        if (a is string s1 && b is string s2)
        {
            return string.CompareOrdinal(s1, s2) < 0;
        }
        throw new InvalidOperationException(BadComparison);
    }

    private static bool IsOrdered(object? v) => v is string || GoValues.IsNumber(v);

    private static int CompareNumbers(object a, object b)
    {
        if (a is double || b is double)
        {
            return GoValues.ToDouble(a).CompareTo(GoValues.ToDouble(b));
        }
        return ToBig(a).CompareTo(ToBig(b));
    }

    private static BigInteger ToBig(object v) => v is long l ? l : (BigInteger)v;
}
