using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Templates.Execution;

/// <summary>Go's len, index and slice over JSON arrays, objects and strings (strings count UTF-8 bytes).</summary>
internal static class Collections
{
    public static object Length(object? item) => item switch
    {
        string s => (long)Encoding.UTF8.GetByteCount(s),
        JsonArray a => (long)a.Count,
        object?[] l => (long)l.Length,
        JsonObject o => (long)o.Count,
        null or Missing => throw new InvalidOperationException("len of nil pointer"),
        _ => throw new InvalidOperationException("len of type " + GoValues.TypeName(item)),
    };

    public static object? Index(object? item, object?[] indexes)
    {
        if (item is Missing)
        {
            throw new InvalidOperationException("index of untyped nil");
        }
        foreach (var index in indexes)
        {
            item = item switch
            {
                JsonArray or object?[] => ListAt(GoValues.AsList(item), index),
                string s => (long)Encoding.UTF8.GetBytes(s)[CheckIndex(index, Encoding.UTF8.GetByteCount(s), inclusive: false)],
                JsonObject o => MapAt(o, index),
                // docker's maps (Labels, Options) are map[string]string; a nil one yields "".
                null when index is string => "",
                null or Missing => throw new InvalidOperationException("index of nil pointer"),
                _ => throw new InvalidOperationException("can't index item of type " + GoValues.TypeName(item)),
            };
        }
        return item;
    }

    private static object? ListAt(IReadOnlyList<object?> list, object? index) =>
        list[CheckIndex(index, list.Count, inclusive: false)];

    private static object? MapAt(JsonObject o, object? index)
    {
        if (index is not string key)
        {
            throw new InvalidOperationException($"value has type {GoValues.TypeName(index)}; should be string");
        }
        if (o.TryGetPropertyValue(key, out var node))
        {
            return GoValues.FromNode(node);
        }
        // A map whose values are all strings stands for Go's map[string]string, whose zero value is "".
        return o.All(kv => GoValues.FromNode(kv.Value) is string) ? "" : Missing.Value;
    }

    private static int CheckIndex(object? index, int length, bool inclusive)
    {
        if (!GoValues.TryGetInt(index, out long x))
        {
            throw new InvalidOperationException(index is null or Missing
                ? "cannot index slice/array with nil"
                : "cannot index slice/array with type " + GoValues.TypeName(index));
        }
        if (x < 0 || x > length || (!inclusive && x == length))
        {
            throw new InvalidOperationException("index out of range: " + x);
        }
        return (int)x;
    }

    public static object Slice(object? item, object?[] indexes)
    {
        if (item is null or Missing)
        {
            throw new InvalidOperationException("slice of untyped nil");
        }
        if (indexes.Length > 3)
        {
            throw new InvalidOperationException("too many slice indexes: " + indexes.Length);
        }
        if (item is string s)
        {
            if (indexes.Length == 3)
            {
                throw new InvalidOperationException("cannot 3-index slice a string");
            }
            byte[] bytes = Encoding.UTF8.GetBytes(s);
            var (i, j) = Bounds(indexes, bytes.Length);
            return Encoding.UTF8.GetString(bytes, i, j - i);
        }
        if (item is JsonArray or object?[])
        {
            var list = GoValues.AsList(item);
            var (i, j) = Bounds(indexes, list.Count);
            return list.Skip(i).Take(j - i).ToArray();
        }
        throw new InvalidOperationException("can't slice item of type " + GoValues.TypeName(item));
    }

    private static (int From, int To) Bounds(object?[] indexes, int length)
    {
        int[] idx = [0, length, length];
        for (int k = 0; k < indexes.Length; k++)
        {
            idx[k] = CheckIndex(indexes[k], length, inclusive: true);
        }
        if (idx[0] > idx[1])
        {
            throw new InvalidOperationException($"invalid slice index: {idx[0]} > {idx[1]}");
        }
        if (indexes.Length == 3 && idx[1] > idx[2])
        {
            throw new InvalidOperationException($"invalid slice index: {idx[1]} > {idx[2]}");
        }
        return (idx[0], idx[1]);
    }
}
