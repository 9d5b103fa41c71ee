using System.Text.RegularExpressions;
using Berth.Engine.Filters;
using Berth.Engine.Images;
using Berth.Oci;

namespace Berth.Engine.Containers;

/// <summary>
/// Docker's container filters. <c>ps</c>: id (prefix), name (regular expression on the name), label (key or
/// key=value), status, exited (exit code of exited containers), ancestor (the image, by name or ID),
/// before/since (created relative to a container), volume (name or mount destination), network (mode).
/// <c>container prune</c>: until and label / label!. Several values of one key are alternatives; keys must all match.
/// </summary>
internal sealed class ContainerFilter
{
    private static readonly string[] ListKeys = ["id", "name", "label", "status", "exited", "ancestor", "before", "since", "volume", "network"];
    private static readonly string[] PruneKeys = ["until", "label", "label!"];
    private static readonly string[] Statuses = ["created", "restarting", "running", "removing", "paused", "exited", "dead"];
    private readonly ILookup<string, string> _filters;
    private readonly DateTimeOffset _now;

    private ContainerFilter(ILookup<string, string> filters, DateTimeOffset now)
    {
        _filters = filters;
        _now = now;
    }

    public static ContainerFilter Parse(IReadOnlyList<KeyValuePair<string, string>> filters, bool pruning, DateTimeOffset now)
    {
        var known = pruning ? PruneKeys : ListKeys;
        foreach (var (key, value) in filters)
        {
            if (!known.Contains(key)) throw BerthException.Invalid($"invalid filter '{key}'");
            if (key == "status" && !Statuses.Contains(value))
                throw BerthException.Invalid($"invalid filter 'status={value}'");
            if (key == "exited" && !int.TryParse(value, out _))
                throw BerthException.Invalid($"invalid filter 'exited={value}'");
            if (key == "until" && !UntilFilter.TryParse(value, now, out _))
                throw BerthException.Invalid($"invalid filter 'until={value}'");
        }
        return new ContainerFilter(filters.ToLookup(f => f.Key, f => f.Value), now);
    }

    public bool Matches(StoredContainer container, IReadOnlyList<StoredContainer> all, IReadOnlyList<Metadata.ImageRecord> images)
    {
        var record = container.Record;
        var state = container.State;
        if (Any("id") && !_filters["id"].Any(p => record.Id.StartsWith(p, StringComparison.Ordinal))) return false;
        if (Any("name") && !_filters["name"].Any(p => Regex.IsMatch("/" + record.Name, p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))) return false;
        if (_filters["label"].Any(l => !LabelFilter.Matches(record.Config.Labels, l))) return false;
        if (_filters["label!"].Any(l => LabelFilter.Matches(record.Config.Labels, l))) return false;
        if (Any("status") && !_filters["status"].Contains(ContainerStatusText.Name(state.Status))) return false;
        if (Any("exited") && (state.Status != ContainerStatus.Exited || !_filters["exited"].Contains(state.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)))) return false;
        if (Any("ancestor") && !_filters["ancestor"].Any(a => IsAncestor(a, record, images))) return false;
        if (Any("before") && !(record.Created < Boundary("before", all))) return false;
        if (Any("since") && !(record.Created > Boundary("since", all))) return false;
        if (Any("volume") && !_filters["volume"].Any(v => record.Mounts.Any(m => m.Name == v || m.Destination == v))) return false;
        // Docker matches the networks joined (by name), and the mode for host, none and container: ones.
        if (Any("network") && !_filters["network"].Any(n => n == record.HostConfig.NetworkMode || (record.Networks?.ContainsKey(n) ?? false))) return false;
        if (Any("until"))
        {
            foreach (var value in _filters["until"])
            {
                UntilFilter.TryParse(value, _now, out var until);
                if (!(record.Created < until)) return false;
            }
        }
        return true;
    }

    private bool Any(string key) => _filters[key].Any();

    // Docker matches the image the container was created from, by any of its names or its ID.
    private static bool IsAncestor(string input, ContainerRecord record, IReadOnlyList<Metadata.ImageRecord> images) =>
        ImageResolver.Find(images, input)?.Image.Id.ToString() == record.ImageId;

    private DateTimeOffset Boundary(string key, IReadOnlyList<StoredContainer> all)
    {
        var input = _filters[key].Last();
        var name = input.TrimStart('/');
        var match = all.FirstOrDefault(c => c.Id == input || c.Name == name) ?? all.FirstOrDefault(c => c.Id.StartsWith(input, StringComparison.Ordinal))
            ?? throw ContainerLookup.NoSuch(input);
        return match.Record.Created;
    }
}
