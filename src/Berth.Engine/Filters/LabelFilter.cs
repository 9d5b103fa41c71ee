namespace Berth.Engine.Filters;

/// <summary>Docker's <c>label</c> filter value: <c>key</c> matches any value, <c>key=value</c> that value only.</summary>
internal static class LabelFilter
{
    public static bool Matches(IReadOnlyDictionary<string, string>? labels, string filter)
    {
        if (labels is null) return false;
        var eq = filter.IndexOf('=');
        return eq < 0 ? labels.ContainsKey(filter) : labels.TryGetValue(filter[..eq], out var v) && v == filter[(eq + 1)..];
    }
}
