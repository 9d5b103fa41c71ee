using Berth.Engine.Models;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// <c>berth image prune</c>: removes dangling images, or with <paramref name="all"/> every image no
    /// container uses. Space reclaimed counts the layers that went with them.
    /// </summary>
    public Task<ImagePruneReport> PruneAsync(bool all, IReadOnlyList<KeyValuePair<string, string>> filters, CancellationToken ct)
    {
        foreach (var (key, _) in filters)
            if (key is not ("label" or "label!" or "until"))
                throw Oci.BerthException.Invalid($"invalid filter '{key}'");
        ImagePruneReport report;
        using (SharedLock(ct))
        {
            report = _metadata.Write(t =>
            {
                var images = _images.All(t);
                var deleted = new List<ImageDeleteItem>();
                long reclaimed = 0;
                var remaining = images.ToList();
                var layerSizes = _images.Layers(t).ToDictionary(l => l.ChainId.ToString(), l => l.Size);
                foreach (var image in images.OrderByDescending(i => i.Created ?? i.Added))
                {
                    if (!all && !image.IsDangling) continue;
                    if (_images.ContainersUsing(t, image.Id).Count > 0) continue;
                    if (!MatchesPruneFilters(image, filters)) continue;
                    foreach (var name in image.Names)
                    {
                        _images.RemoveName(t, name.Name);
                        deleted.Add(ImageDeleteItem.UntaggedItem(Familiar(name.Name)));
                    }
                    _images.Delete(t, image.Id);
                    deleted.Add(ImageDeleteItem.DeletedItem(image.Id.ToString()));
                    remaining.Remove(image);
                    foreach (var chain in ReleaseLayers(t, image, remaining))
                    {
                        deleted.Add(ImageDeleteItem.DeletedItem(chain.ToString()));
                        reclaimed += layerSizes.GetValueOrDefault(chain.ToString());
                    }
                }
                return new ImagePruneReport(deleted, reclaimed);
            });
        }
        _collector.TryCollect();
        return Task.FromResult(report);
    }

    private bool MatchesPruneFilters(Metadata.ImageRecord image, IReadOnlyList<KeyValuePair<string, string>> filters)
    {
        foreach (var (key, value) in filters)
        {
            if (key == "until")
            {
                if (!Filters.UntilFilter.TryParse(value, _time.GetUtcNow(), out var until))
                    throw Oci.BerthException.Invalid($"invalid filter 'until={value}'");
                if ((image.Created ?? image.Added) >= until) return false;
                continue;
            }
            var labels = ReadConfigAsync(image.Id, CancellationToken.None).GetAwaiter().GetResult().Config?.Labels;
            var eq = value.IndexOf('=');
            var has = labels is not null && (eq < 0 ? labels.ContainsKey(value) : labels.TryGetValue(value[..eq], out var v) && v == value[(eq + 1)..]);
            if (key == "label" ? !has : has) return false;
        }
        return true;
    }
}
