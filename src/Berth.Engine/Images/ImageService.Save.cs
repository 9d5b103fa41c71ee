using Berth.Images;
using Berth.Oci;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// <c>berth save</c>: writes the named images to <paramref name="output"/>. A name with a tag saves that
    /// tag; a repository name without tag saves every tag of it; an ID saves the image without names, as docker.
    /// </summary>
    public async Task SaveAsync(IReadOnlyList<string> inputs, ArchiveFormat format, Stream output, CancellationToken ct)
    {
        var images = AllImages();
        var selected = new List<(Digest Id, List<string> Tags)>();
        foreach (var input in inputs)
        {
            var tags = new List<string>();
            Metadata.ImageRecord image;
            if (Reference.TryParse(input, out var reference, out _) && reference.Tag is null && reference.Digest is null
                && images.Where(i => i.Tags.Any(t => Reference.Parse(t).Name == reference.Name)).ToList() is { Count: > 0 } repository)
            {
                foreach (var tagged in repository)
                    AddSelection(selected, tagged.Id, tagged.Tags.Where(t => Reference.Parse(t).Name == reference.Name).Select(Familiar));
                continue;
            }
            var resolved = ImageResolver.Get(images, input);
            image = resolved.Image;
            if (resolved.ByName is { Tag: not null } name) tags.Add(name.ToFamiliarString());
            AddSelection(selected, image.Id, tags);
        }

        using var held = SharedLock(ct);
        var toSave = new List<ImageToSave>();
        foreach (var (id, tags) in selected)
        {
            var image = images.First(i => i.Id == id);
            var manifest = await ReadManifestAsync(image.ManifestDigest, ct).ConfigureAwait(false);
            var info = _content.Info(image.ManifestDigest)!.Value;
            toSave.Add(new ImageToSave
            {
                Manifest = manifest,
                ConfigDigest = id,
                RepoTags = tags,
                ManifestDescriptor = new Descriptor { MediaType = manifest.MediaType ?? MediaTypes.OciManifest, Digest = image.ManifestDigest, Size = info.Size },
            });
        }
        if (format == ArchiveFormat.OciArchive)
            await OciArchive.WriteAsync(toSave, _content, output, ct).ConfigureAwait(false);
        else
            await DockerArchive.WriteAsync(toSave, _content, output, ct).ConfigureAwait(false);
    }

    private static void AddSelection(List<(Digest Id, List<string> Tags)> selected, Digest id, IEnumerable<string> tags)
    {
        var existing = selected.FindIndex(s => s.Id == id);
        if (existing < 0)
        {
            selected.Add((id, tags.ToList()));
            return;
        }
        foreach (var tag in tags)
            if (!selected[existing].Tags.Contains(tag)) selected[existing].Tags.Add(tag);
    }
}
