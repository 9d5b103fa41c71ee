using Berth.Engine.Filters;
using Berth.Oci;

namespace Berth.Engine.Networks;

/// <summary>
/// Docker's network filters. <c>ls</c> takes <c>dangling</c> (user networks without containers), <c>driver</c>,
/// <c>id</c> and <c>name</c> (exact, else a regular expression found anywhere), <c>label</c> (key or key=value),
/// <c>scope</c> and <c>type</c> (<c>builtin</c> or <c>custom</c>); <c>prune</c> takes <c>label</c>,
/// <c>label!</c> and <c>until</c>. Values of one key are alternatives, except labels, which must all match;
/// different keys must all match.
/// </summary>
internal sealed class NetworkFilter
{
    public static readonly string[] ListKeys = ["dangling", "driver", "id", "label", "name", "scope", "type"];
    public static readonly string[] PruneKeys = ["label", "label!", "until"];

    private readonly ILookup<string, string> _filters;
    private readonly bool? _dangling;
    private readonly List<DateTimeOffset> _until = [];

    public NetworkFilter(IReadOnlyList<KeyValuePair<string, string>> filters, IReadOnlyList<string> known, DateTimeOffset now)
    {
        foreach (var (key, _) in filters)
            if (!known.Contains(key)) throw BerthException.Invalid($"invalid filter '{key}'");
        _filters = filters.ToLookup(f => f.Key, f => f.Value);
        foreach (var type in _filters["type"])
            if (type is not ("builtin" or "custom")) throw BerthException.Invalid($"invalid filter: 'type'='{type}'");
        foreach (var dangling in _filters["dangling"])
        {
            _dangling = dangling switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                _ => throw BerthException.Invalid($"invalid filter 'dangling={dangling}'"),
            };
        }
        foreach (var until in _filters["until"])
        {
            if (!UntilFilter.TryParse(until, now, out var limit)) throw BerthException.Invalid($"invalid filter 'until={until}'");
            _until.Add(limit);
        }
    }

    /// <summary>Whether <paramref name="network"/>, with <paramref name="containers"/> attached, passes every filter.</summary>
    public bool Matches(NetworkRecord network, int containers)
    {
        if (_dangling is { } dangling && dangling != (!network.Predefined && containers == 0)) return false;
        if (!AnyOrNone("driver", d => d == network.Driver)) return false;
        if (!AnyOrNone("id", i => PatternFilter.Matches(i, network.Id))) return false;
        if (!AnyOrNone("name", n => PatternFilter.Matches(n, network.Name))) return false;
        if (!AnyOrNone("scope", s => s == "local")) return false;
        if (!AnyOrNone("type", t => t == (network.Predefined ? "builtin" : "custom"))) return false;
        if (_filters["label"].Any(l => !LabelFilter.Matches(network.Labels, l))) return false;
        if (_filters["label!"].Any(l => LabelFilter.Matches(network.Labels, l))) return false;
        return _until.All(limit => network.Created < limit);
    }

    private bool AnyOrNone(string key, Func<string, bool> match)
    {
        var values = _filters[key].ToList();
        return values.Count == 0 || values.Any(match);
    }
}
