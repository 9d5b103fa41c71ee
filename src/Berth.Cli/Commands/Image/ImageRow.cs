using System.Text.Json.Nodes;
using Berth.Cli.Rendering;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Cli.Commands.Image;

/// <summary>
/// One line of <c>images</c>: docker's imageContext. An image gives one row per tag (times its digests with
/// <c>--digests</c>), one per repository known only by digest, or a single <c>&lt;none&gt;</c> row.
/// </summary>
internal static class ImageRow
{
    public const string None = "<none>";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ID"] = "IMAGE ID", ["Repository"] = "REPOSITORY", ["Tag"] = "TAG", ["Digest"] = "DIGEST",
        ["CreatedSince"] = "CREATED", ["CreatedAt"] = "CREATED AT", ["Size"] = "SIZE", ["Containers"] = "CONTAINERS",
        ["VirtualSize"] = "VIRTUAL SIZE", ["SharedSize"] = "SHARED SIZE", ["UniqueSize"] = "UNIQUE SIZE",
    };

    public static IEnumerable<JsonObject> Expand(ImageSummary image, bool showDigests, bool truncate, DateTimeOffset now)
    {
        var tags = Group(image.RepoTags, r => r.Tag);
        var digests = Group(image.RepoDigests, r => r.Digest?.ToString());
        foreach (var (repository, repositoryTags) in tags)
        {
            var repositoryDigests = showDigests && digests.TryGetValue(repository, out var d) ? d : [];
            digests.Remove(repository);
            foreach (var tag in repositoryTags)
            {
                if (repositoryDigests.Count == 0) yield return Row(image, repository, tag, None, truncate, now);
                foreach (var digest in repositoryDigests) yield return Row(image, repository, tag, digest, truncate, now);
            }
        }
        foreach (var (repository, repositoryDigests) in digests)
        {
            if (!showDigests) { yield return Row(image, repository, None, None, truncate, now); continue; }
            foreach (var digest in repositoryDigests) yield return Row(image, repository, None, digest, truncate, now);
        }
        if (image.RepoTags.Count == 0 && image.RepoDigests.Count == 0) yield return Row(image, None, None, None, truncate, now);
    }

    private static SortedDictionary<string, List<string>> Group(IEnumerable<string> names, Func<Reference, string?> part)
    {
        var groups = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!Reference.TryParse(name, out var reference, out _) || part(reference) is not { } value) continue;
            if (!groups.TryGetValue(reference.FamiliarName, out var list)) groups[reference.FamiliarName] = list = [];
            list.Add(value);
        }
        return groups;
    }

    // Keys in alphabetical order: docker's {{json .}} marshals the context's fields sorted by name.
    private static JsonObject Row(ImageSummary image, string repository, string tag, string digest, bool truncate, DateTimeOffset now)
    {
        var created = DateTimeOffset.FromUnixTimeSeconds(image.Created);
        return new JsonObject
        {
            ["Containers"] = image.Containers < 0 ? "N/A" : image.Containers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CreatedAt"] = HumanTime.GoString(created),
            ["CreatedSince"] = HumanTime.Since(created, now),
            ["Digest"] = digest,
            ["ID"] = truncate ? Digest.Parse(image.Id).Short : image.Id,
            ["Repository"] = repository,
            ["SharedSize"] = image.SharedSize < 0 ? "N/A" : HumanSize.Format(image.SharedSize, 3),
            ["Size"] = HumanSize.Format(image.Size, 3),
            ["Tag"] = tag,
            ["UniqueSize"] = image.SharedSize < 0 ? "N/A" : HumanSize.Format(image.Size - image.SharedSize, 3),
            ["VirtualSize"] = HumanSize.Format(image.Size),
        };
    }
}
