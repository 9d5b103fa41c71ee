using Berth.Engine.Metadata;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary><c>berth images</c>: one summary per image, newest first, names in familiar form.</summary>
    public async Task<IReadOnlyList<ImageSummary>> ListAsync(ImageListOptions options, CancellationToken ct)
    {
        var images = AllImages();
        var filters = options.Filters.ToList();
        if (options.Reference is { } pattern) filters.Add(new("reference", pattern));
        var filter = new ImageFilter(filters, images);
        var summaries = new List<ImageSummary>();
        foreach (var image in images)
        {
            var labels = (await ReadConfigAsync(image.Id, ct).ConfigureAwait(false)).Config?.Labels;
            if (!filter.Matches(image, labels, out var matchingNames)) continue;
            var names = matchingNames is null ? image.Names.Select(n => n.Name) : matchingNames;
            summaries.Add(Summarize(image, labels, names));
        }
        return summaries.OrderByDescending(s => s.Created).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    internal static ImageSummary Summarize(ImageRecord image, IReadOnlyDictionary<string, string>? labels, IEnumerable<string> names, int containers = -1)
    {
        var list = names.ToList();
        return new ImageSummary
        {
            Id = image.Id.ToString(),
            RepoTags = list.Where(n => image.Tags.Contains(n)).Select(Familiar).Order(StringComparer.Ordinal).ToList(),
            RepoDigests = image.DigestNames.Select(Familiar).Order(StringComparer.Ordinal).ToList(),
            Created = (image.Created ?? image.Added).ToUnixTimeSeconds(),
            Size = image.Size,
            Labels = labels,
            Containers = containers,
        };
    }

    /// <summary><c>berth image inspect</c>: Docker's inspect document for each name; a missing one throws NotFound.</summary>
    public async Task<ImageInspect> InspectAsync(string input, CancellationToken ct)
    {
        var images = AllImages();
        var image = ImageResolver.Get(images, input).Image;
        var config = await ReadConfigAsync(image.Id, ct).ConfigureAwait(false);
        var layers = _metadata.Read(_images.Layers).ToDictionary(l => l.ChainId);
        var chain = ChainOf(image.ChainId, layers).ToList();
        var lastTag = image.Names.Where(n => !n.IsDigest).Select(n => (DateTimeOffset?)n.Added).Max();
        return new ImageInspect
        {
            Id = image.Id.ToString(),
            RepoTags = image.Tags.Select(Familiar).Order(StringComparer.Ordinal).ToList(),
            RepoDigests = image.DigestNames.Select(Familiar).Order(StringComparer.Ordinal).ToList(),
            Parent = config.Parent ?? "",
            Comment = config.Comment ?? config.History?.LastOrDefault()?.Comment ?? "",
            Created = FormatCreated(image.Created ?? config.Created),
            DockerVersion = config.DockerVersion ?? "",
            Author = config.Author ?? "",
            Config = DockerContainerConfig.From(config.Config),
            Architecture = config.Architecture,
            Variant = config.Variant,
            Os = config.Os,
            OsVersion = config.OsVersion,
            Size = image.Size,
            GraphDriver = GraphDriverOf(chain),
            RootFS = new RootFsInfo("layers", config.RootFs.DiffIds.Select(d => d.ToString()).ToList()),
            Metadata = new ImageMetadata(lastTag is { } t ? FormatCreated(t) : null),
        };
    }

    /// <summary>Docker prints RFC 3339 with nanoseconds trimmed of trailing zeros; the zero time when unknown.</summary>
    internal static string FormatCreated(DateTimeOffset? time) =>
        time is { } t ? Oci.Json.Rfc3339JsonConverter.Format(t) : "0001-01-01T00:00:00Z";

    private GraphDriverData GraphDriverOf(IReadOnlyList<Digest> chainTopFirst)
    {
        var data = new Dictionary<string, string>();
        var dirs = chainTopFirst.Select(c => _unpacker.DirectoryOf(c.ToString())).Where(d => d is not null).ToList();
        if (dirs.Count > 0)
        {
            data["UpperDir"] = dirs[0]!;
            if (dirs.Count > 1) data["LowerDir"] = string.Join(':', dirs.Skip(1));
        }
        return new GraphDriverData(data, _unpacker.Driver);
    }

    /// <summary><c>berth history</c>: the config's history, newest first, each layer-creating step with its size.</summary>
    public async Task<IReadOnlyList<ImageHistoryItem>> HistoryAsync(string input, CancellationToken ct)
    {
        var image = ImageResolver.Get(AllImages(), input).Image;
        var config = await ReadConfigAsync(image.Id, ct).ConfigureAwait(false);
        var layers = _metadata.Read(_images.Layers).ToDictionary(l => l.ChainId);
        var sizes = ChainOf(image.ChainId, layers).Reverse().Select(c => layers[c].Size).ToList();
        var history = config.History ?? [];
        var items = new List<ImageHistoryItem>();
        var layerIndex = 0;
        foreach (var entry in history)
        {
            long size = 0;
            if (entry.EmptyLayer != true && layerIndex < sizes.Count) size = sizes[layerIndex++];
            items.Add(new ImageHistoryItem("<missing>", entry.Created?.ToUnixTimeSeconds() ?? 0, entry.CreatedBy ?? "", null, size, entry.Comment ?? ""));
        }
        if (items.Count == 0)
            items.Add(new ImageHistoryItem("<missing>", (image.Created ?? image.Added).ToUnixTimeSeconds(), "", null, image.Size, ""));
        items.Reverse();
        items[0] = items[0] with { Id = image.Id.ToString(), Tags = image.Tags.Select(Familiar).ToList() };
        return items;
    }
}
