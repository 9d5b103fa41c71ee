using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.Templates.Execution;

/// <summary>
/// The runtime value model: null (JSON null), <see cref="Missing"/>, string, bool, long, BigInteger, double,
/// JsonObject (a Go map, iterated in sorted key order), JsonArray or object?[] (a Go slice).
/// </summary>
internal static class GoValues
{
    public static object? FromNode(JsonNode? node) => node switch
    {
        null => null,
        JsonObject or JsonArray => node,
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => ParseNumber(node.ToJsonString()),
            _ => null,
        },
    };

    /// <summary>Integers keep their exact value (Go's typed int fields); anything else is a float64.</summary>
    public static object ParseNumber(string text)
    {
        if (text.Length > 0 && text.AsSpan(text[0] == '-' ? 1 : 0).ContainsAnyExcept("0123456789") is false)
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
            {
                return l;
            }
            return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static bool IsNil(object? v) => v is null or Missing;

    public static bool IsNumber(object? v) => v is long or double or BigInteger;

    public static bool IsList(object? v) => v is JsonArray or object?[];

    public static IReadOnlyList<object?> AsList(object? v) => v switch
    {
        JsonArray a => a.Select(FromNode).ToArray(),
        object?[] l => l,
        _ => throw new InvalidOperationException("not a list"),
    };

    public static IEnumerable<KeyValuePair<string, object?>> SortedEntries(JsonObject o) =>
        o.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new KeyValuePair<string, object?>(kv.Key, FromNode(kv.Value)));

    /// <summary>Go's truth: non-zero numbers, true, non-empty strings, slices and maps.</summary>
    public static bool IsTrue(object? v) => v switch
    {
        null or Missing => false,
        bool b => b,
        string s => s.Length > 0,
        long l => l != 0,
        BigInteger b => !b.IsZero,
        double d => d != 0,
        JsonArray a => a.Count > 0,
        object?[] l => l.Length > 0,
        JsonObject o => o.Count > 0,
        _ => true,
    };

    /// <summary>The Go type name shown in error messages and in fmt's %!verb(type=value).</summary>
    public static string TypeName(object? v) => v switch
    {
        null or Missing => "interface {}",
        string => "string",
        bool => "bool",
        long => "int",
        BigInteger => "uint64",
        double => "float64",
        object?[] l when l.All(x => x is string) => "[]string",
        JsonArray or object?[] => "[]interface {}",
        JsonObject => "map[string]interface {}",
        _ => v.GetType().Name,
    };

    public static bool TryGetInt(object? v, out long value)
    {
        switch (v)
        {
            case long l:
                value = l;
                return true;
            case BigInteger b when b >= long.MinValue && b <= long.MaxValue:
                value = (long)b;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    public static double ToDouble(object v) => v switch
    {
        long l => l,
        BigInteger b => (double)b,
        double d => d,
        _ => throw new InvalidOperationException("not a number"),
    };
}
