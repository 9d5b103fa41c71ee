using Berth.Engine.Filters;
using Berth.Oci;

namespace Berth.Engine.Volumes;

/// <summary>
/// Docker's volume filters. <c>ls</c> takes <c>dangling</c>, <c>driver</c>, <c>label</c> (key or key=value)
/// and <c>name</c> (a regular expression matched anywhere in the name, so plain text is a substring test);
/// <c>prune</c> takes <c>label</c>, <c>label!</c> and <c>all</c>. Values of one key are alternatives, except
/// labels, which must all match; different keys must all match.
/// </summary>
internal sealed class VolumeFilter
{
    public static readonly string[] ListKeys = ["dangling", "driver", "label", "name"];
    public static readonly string[] PruneKeys = ["label", "label!", "all"];

    private readonly ILookup<string, string> _filters;
    private readonly bool? _dangling;

    public VolumeFilter(IReadOnlyList<KeyValuePair<string, string>> filters, IReadOnlyList<string> known)
    {
        foreach (var (key, _) in filters)
            if (!known.Contains(key)) throw BerthException.Invalid($"invalid filter '{key}'");
        _filters = filters.ToLookup(f => f.Key, f => f.Value);
        _dangling = Bool("dangling");
        All = Bool("all") ?? false;
    }

    /// <summary>The prune filter <c>all=true</c>: every unused volume, not only anonymous ones.</summary>
    public bool All { get; }

    public bool Matches(VolumeRecord volume, bool inUse)
    {
        if (_dangling is { } dangling && dangling == inUse) return false;
        var drivers = _filters["driver"].ToList();
        if (drivers.Count > 0 && !drivers.Contains(volume.Driver)) return false;
        var names = _filters["name"].ToList();
        if (names.Count > 0 && !names.Any(n => PatternFilter.Matches(n, volume.Name))) return false;
        if (_filters["label"].Any(l => !LabelFilter.Matches(volume.Labels, l))) return false;
        if (_filters["label!"].Any(l => LabelFilter.Matches(volume.Labels, l))) return false;
        return true;
    }

    private bool? Bool(string key)
    {
        var values = _filters[key].ToList();
        if (values.Count == 0) return null;
        bool? result = null;
        foreach (var value in values)
        {
            result = value switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                _ => throw BerthException.Invalid($"invalid filter '{key}={value}'"),
            };
        }
        return result;
    }
}
