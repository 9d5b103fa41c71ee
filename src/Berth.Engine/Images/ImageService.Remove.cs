using Berth.Engine.Metadata;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// <c>berth rmi</c> for one image reference, with Docker's rules: removing a name untags it and deletes
    /// the image only when no tag is left; removing by ID untags every name of one repository (several
    /// repositories need <paramref name="force"/>); an image used by a container is kept unless forced, and
    /// then only untagged. Returns the Untagged/Deleted lines in Docker's order.
    /// </summary>
    public Task<IReadOnlyList<ImageDeleteItem>> RemoveAsync(string input, bool force, CancellationToken ct)
    {
        try
        {
            using (SharedLock(ct))
                return Task.FromResult<IReadOnlyList<ImageDeleteItem>>(_metadata.Write(t => Remove(t, input, force)));
        }
        finally
        {
            // Also after a failure: a concurrent remover may have skipped collecting because this process
            // held the store lock, and the last one out must leave no garbage behind.
            _collector.TryCollect();
        }
    }

    private List<ImageDeleteItem> Remove(MetadataTransaction t, string input, bool force)
    {
        var all = _images.All(t);
        var (image, byName) = ImageResolver.Get(all, input);
        var items = new List<ImageDeleteItem>();
        var names = image.Names.ToList();
        var containers = _images.ContainersUsing(t, image.Id);

        if (byName is not null)
        {
            if (!force && IsSingleReference(names) && containers.Count > 0)
                throw BerthException.Conflict($"conflict: unable to remove repository reference \"{input}\" (must force) - container {containers[0][..12]} is using its referenced image {image.Id.Short}");
            var removed = names.First(n => n.Name == byName.ToString());
            Untag(t, removed, names, items);
            // A removed tag takes the digest references of its repository along when no tag of it remains.
            if (!removed.IsDigest && !names.Any(n => !n.IsDigest && RepositoryOf(n.Name) == byName.Name))
            {
                foreach (var digestName in names.Where(n => n.IsDigest && RepositoryOf(n.Name) == byName.Name).ToList())
                    Untag(t, digestName, names, items);
            }
            if (names.Count > 0) return items;
        }
        else if (IsSingleReference(names))
        {
            if (!force && containers.Count > 0)
                throw BerthException.Conflict($"conflict: unable to delete {image.Id.Short} (must be forced) - image is being used by stopped container {containers[0][..12]}");
            foreach (var name in names.ToList()) Untag(t, name, names, items);
        }

        if (!force && names.Count > 0)
            throw BerthException.Conflict($"conflict: unable to delete {image.Id.Short} (must be forced) - image is referenced in multiple repositories");
        if (!force && containers.Count > 0)
            throw BerthException.Conflict($"conflict: unable to delete {image.Id.Short} (must be forced) - image is being used by stopped container {containers[0][..12]}");
        foreach (var name in names.ToList()) Untag(t, name, names, items);

        _images.Delete(t, image.Id);
        items.Add(ImageDeleteItem.DeletedItem(image.Id.ToString()));
        foreach (var chain in ReleaseLayers(t, image, all.Where(i => i.Id != image.Id)))
            items.Add(ImageDeleteItem.DeletedItem(chain.ToString()));
        return items;
    }

    private void Untag(MetadataTransaction t, ImageName name, List<ImageName> remaining, List<ImageDeleteItem> items)
    {
        _images.RemoveName(t, name.Name);
        remaining.Remove(name);
        items.Add(ImageDeleteItem.UntaggedItem(Familiar(name.Name)));
    }

    /// <summary>
    /// Docker's isSingleReference: at most one tag, and every name (digest references included) in one
    /// repository — the case where removing by ID may drop all names without force.
    /// </summary>
    private static bool IsSingleReference(IReadOnlyList<ImageName> names)
    {
        if (names.Count <= 1) return names.Count == 1;
        var tags = names.Where(n => !n.IsDigest).ToList();
        return tags.Count <= 1 && names.Select(n => RepositoryOf(n.Name)).Distinct().Count() == 1;
    }

    /// <summary>Drops the layer records only this image used, top first; the collector then removes their snapshots.</summary>
    private IReadOnlyList<Digest> ReleaseLayers(MetadataTransaction t, ImageRecord image, IEnumerable<ImageRecord> others)
    {
        var layers = _images.Layers(t).ToDictionary(l => l.ChainId);
        var stillUsed = new HashSet<Digest>();
        foreach (var other in others) stillUsed.UnionWith(ChainOf(other.ChainId, layers));
        var released = ChainOf(image.ChainId, layers).Where(c => !stillUsed.Contains(c)).ToList();
        foreach (var chain in released) _images.DeleteLayer(t, chain);
        return released;
    }

    /// <summary>The chain IDs of an image's layers, top first.</summary>
    internal static IEnumerable<Digest> ChainOf(Digest? top, IReadOnlyDictionary<Digest, LayerRecord> layers)
    {
        for (var current = top; current is { } c && layers.TryGetValue(c, out var layer); current = layer.ParentChainId)
            yield return c;
    }

    private static string RepositoryOf(string name) => Reference.Parse(name).Name;

    internal static string Familiar(string name) =>
        Reference.TryParse(name, out var reference, out _) ? reference.ToFamiliarString() : name;
}
