using Berth.Engine.Filters;
using Berth.Engine.Metadata;
using Berth.Oci;

namespace Berth.Engine.Images;

/// <summary>
/// Docker's image list filters: <c>dangling</c>, <c>reference</c> (glob on the familiar name, with or without
/// tag), <c>label</c> (key or key=value), <c>before</c>/<c>since</c> (created relative to another image).
/// Several values of one key are alternatives; different keys must all match.
/// </summary>
internal sealed class ImageFilter
{
    private static readonly string[] Known = ["dangling", "reference", "label", "before", "since"];
    private readonly ILookup<string, string> _filters;
    private readonly DateTimeOffset? _before;
    private readonly DateTimeOffset? _since;

    public ImageFilter(IReadOnlyList<KeyValuePair<string, string>> filters, IReadOnlyList<ImageRecord> images)
    {
        foreach (var (key, value) in filters)
        {
            if (!Known.Contains(key)) throw BerthException.Invalid($"invalid filter '{key}'");
            if (key == "dangling" && value is not ("true" or "false" or "1" or "0"))
                throw BerthException.Invalid($"invalid filter 'dangling={value}'");
        }
        _filters = filters.ToLookup(f => f.Key, f => f.Value);
        _before = Boundary("before", images);
        _since = Boundary("since", images);
    }

    public bool Matches(ImageRecord image, IReadOnlyDictionary<string, string>? labels, out IReadOnlyList<string>? matchingTags)
    {
        matchingTags = null;
        if (_filters["dangling"].Any() && _filters["dangling"].All(v => (v is "true" or "1") != image.IsDangling)) return false;
        if (_before is { } before && !(image.Created < before)) return false;
        if (_since is { } since && !(image.Created > since)) return false;
        if (_filters["label"].Any(l => !LabelFilter.Matches(labels, l))) return false;
        var patterns = _filters["reference"].ToList();
        if (patterns.Count > 0)
        {
            var tags = image.Names.Where(n => patterns.Any(p => ReferencePattern.Matches(p, n.Name))).Select(n => n.Name).ToList();
            if (tags.Count == 0) return false;
            matchingTags = tags;
        }
        return true;
    }


    private DateTimeOffset? Boundary(string key, IReadOnlyList<ImageRecord> images)
    {
        var values = _filters[key].ToList();
        if (values.Count == 0) return null;
        var image = ImageResolver.Find(images, values[^1])?.Image
            ?? throw BerthException.NotFound($"No such image: {ImageResolver.NotFoundName(values[^1])}");
        return image.Created ?? image.Added;
    }
}
