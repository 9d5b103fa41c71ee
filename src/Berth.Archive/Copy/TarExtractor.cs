using Berth.Linux;
using Berth.Oci;

namespace Berth.Archive.Copy;

/// <summary>
/// Extracts a docker cp tar into one directory (the extraction point) of a root, confining every path to the
/// root with chroot semantics (RootedPathResolver). Names are taken relative to the extraction point; these
/// are refused, failing the whole copy with a one-line message: absolute names, names that climb above the
/// extraction point, symlinks whose relative target climbs above it (moby's breakout check), hardlinks to
/// anything but a non-directory inside it, and names that pass through a symlink the same archive created
/// (the classic "link, then file through the link" attack; bsdtar refuses it the same way). Final components
/// are never followed: an existing name is replaced, not written through.
/// </summary>
internal sealed partial class TarExtractor
{
    private readonly string _root;
    private readonly string _base;
    private readonly ExtractPolicy _policy;
    private readonly RootedPathResolver _resolver;
    private readonly HashSet<string> _archiveSymlinks = new(StringComparer.Ordinal);
    private readonly List<(string Path, LayerTarEntry Entry)> _directories = [];
    private readonly byte[] _buffer = new byte[1 << 20];

    /// <param name="root">Host path of the root (the rootfs, or the host destination itself).</param>
    /// <param name="extractionPoint">The extraction point relative to the root, already resolved ("" for the root).</param>
    public TarExtractor(string root, string extractionPoint, ExtractPolicy policy)
    {
        _root = root;
        _base = extractionPoint;
        _policy = policy;
        _resolver = new RootedPathResolver(root);
    }

    public List<string> Skipped { get; } = [];

    public async Task ExtractAsync(Stream tar, CancellationToken ct)
    {
        var reader = new LayerTarReader(tar);
        try
        {
            while (await reader.NextAsync(ct).ConfigureAwait(false) is { } entry)
                await ApplyAsync(entry, reader, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ZstdSharp.ZstdException)
        {
            throw BerthException.Invalid($"invalid tar: {e.Message.ReplaceLineEndings(" ").TrimEnd('.')}", e);
        }
        FinishDirectories();
    }

    private async Task ApplyAsync(LayerTarEntry entry, LayerTarReader reader, CancellationToken ct)
    {
        var name = Clean(Rebase(entry.Name), entry.Name, "name");
        // The extraction point's own entry ("./" of a "dir/." copy): Docker would re-mode the destination;
        // it stays as it is here, because it belongs to the container, not to the copied tree.
        if (name.Length == 0) return;
        RefuseOutsideTop(name, entry.Name);
        RefuseArchiveSymlinkPrefix(name, entry.Name);
        var (parent, leaf) = EntryNames.Split(name);
        var parentPath = _resolver.ResolveDirectory(EntryNames.Join(_base, parent), entry.Name, create: true)!;
        var path = _resolver.Host(EntryNames.Join(parentPath, leaf));
        switch (entry.Type)
        {
            case LayerEntryType.Directory:
                MakeDirectory(entry, path);
                break;
            case LayerEntryType.RegularFile:
                ClearFor(entry, path, directory: false);
                await WriteFileAsync(entry, path, reader, ct).ConfigureAwait(false);
                break;
            case LayerEntryType.SymbolicLink:
                CheckSymlinkTarget(entry, name);
                ClearFor(entry, path, directory: false);
                Links.Symlink(entry.LinkName, path);
                _archiveSymlinks.Add(name);
                _resolver.Invalidate();
                SetOwner(path, entry);
                FileTimes.LSet(path, entry.ModificationTime, entry.ModificationTime);
                break;
            case LayerEntryType.HardLink:
                MakeHardLink(entry, path);
                break;
            default:
                MakeNode(entry, path);
                break;
        }
    }

    private string Rebase(string name)
    {
        if (_policy.Rebase is not var (from, to)) return name;
        var clean = name.TrimStart('/');
        while (clean.StartsWith("./", StringComparison.Ordinal)) clean = clean[2..];
        if (clean == ".") clean = "";
        if (from is "." or "")
            return name.StartsWith('/') ? name : (clean.Length == 0 ? to : to + "/" + clean);
        if (clean == from || clean == from + "/") return to + clean[from.Length..];
        if (clean.StartsWith(from + "/", StringComparison.Ordinal)) return to + clean[from.Length..];
        return name;
    }

    /// <summary>Lexical cleaning relative to the extraction point; absolute names and escapes are refused.</summary>
    private string Clean(string name, string entry, string role)
    {
        if (name.StartsWith('/')) throw Refused(entry, $"{role} is absolute");
        if (name.Contains('\0')) throw Refused(entry, $"{role} contains a NUL byte");
        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) throw Refused(entry, $"{role} climbs out of {Display()} with '..'");
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    private void RefuseOutsideTop(string name, string entry)
    {
        if (_policy.RequiredTop is not { } top || name == top || name.StartsWith(top + "/", StringComparison.Ordinal)) return;
        throw Refused(entry, $"it is not part of the copied '{EntryNames.Printable(top)}'");
    }

    private void RefuseArchiveSymlinkPrefix(string name, string entry)
    {
        if (_archiveSymlinks.Count == 0) return;
        for (var slash = name.IndexOf('/'); slash > 0; slash = name.IndexOf('/', slash + 1))
            if (_archiveSymlinks.Contains(name[..slash]))
                throw Refused(entry, $"it goes through the symlink '{EntryNames.Printable(name[..slash])}' from the same archive");
    }

    /// <summary>moby's breakout rule: a relative target joined to the link's directory must stay inside the extraction point.</summary>
    private void CheckSymlinkTarget(LayerTarEntry entry, string name)
    {
        if (entry.LinkName.StartsWith('/')) return;
        var depth = name.Split('/').Length - 1;
        foreach (var part in entry.LinkName.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            depth += part == ".." ? -1 : 1;
            if (depth < 0) throw Refused(entry.Name, $"symlink target '{EntryNames.Printable(entry.LinkName)}' climbs out of {Display()}");
        }
    }

    private string Display() => _policy.DisplayRoot.Length == 0 ? "the destination" : $"\"{EntryNames.Printable(_policy.DisplayRoot)}\"";

    private string DisplayPath(string relativeName) =>
        (_policy.DisplayRoot.TrimEnd('/') + "/" + relativeName).Replace("//", "/", StringComparison.Ordinal);

    private static BerthException Refused(string entry, string reason) =>
        BerthException.Invalid($"refusing tar entry {EntryNames.Quote(entry)}: {reason}");
}
