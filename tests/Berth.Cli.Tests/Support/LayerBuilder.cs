using System.Formats.Tar;
using System.IO.Compression;

namespace Berth.Cli.Tests.Support;

/// <summary>
/// Builds one layer tar deterministically (ustar headers, fixed mtime, entries in insertion order). The friendly
/// verbs add missing parent directories first; <see cref="Raw"/> writes exactly what it is given (hostile input).
/// </summary>
public sealed class LayerBuilder
{
    public static readonly DateTimeOffset Epoch = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly List<LayerEntry> _entries = [];

    public IReadOnlyList<LayerEntry> Entries => _entries;

    public LayerBuilder Dir(string path, int mode = 0x1ED /* 0755 */, int uid = 0, int gid = 0)
    {
        Parents(path);
        if (!_entries.Any(e => e.Path == path))
            _entries.Add(new LayerEntry(EntryKind.Directory, path, mode, uid, gid));
        return this;
    }

    public LayerBuilder File(string path, byte[] content, int mode = 0x1A4 /* 0644 */, int uid = 0, int gid = 0)
    {
        Parents(path);
        _entries.Add(new LayerEntry(EntryKind.File, path, mode, uid, gid, content));
        return this;
    }

    public LayerBuilder File(string path, string text, int mode = 0x1A4) =>
        File(path, System.Text.Encoding.UTF8.GetBytes(text), mode);

    public LayerBuilder Symlink(string path, string target)
    {
        Parents(path);
        _entries.Add(new LayerEntry(EntryKind.Symlink, path, 0x1FF, LinkTarget: target));
        return this;
    }

    public LayerBuilder Hardlink(string path, string target)
    {
        Parents(path);
        _entries.Add(new LayerEntry(EntryKind.Hardlink, path, 0x1A4, LinkTarget: target));
        return this;
    }

    /// <summary>Deletes <paramref name="path"/> of a lower layer (<c>dir/.wh.name</c>).</summary>
    public LayerBuilder Whiteout(string path)
    {
        var dir = System.IO.Path.GetDirectoryName(path) ?? "";
        var wh = (dir.Length == 0 ? "" : dir + "/") + ".wh." + System.IO.Path.GetFileName(path);
        return File(wh, [], 0);
    }

    /// <summary>Hides everything lower layers put in <paramref name="dir"/> (<c>dir/.wh..wh..opq</c>).</summary>
    public LayerBuilder Opaque(string dir) => Dir(dir).File(dir + "/.wh..wh..opq", [], 0);

    public LayerBuilder Raw(LayerEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    public byte[] ToTar()
    {
        var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var e in _entries)
                writer.WriteEntry(ToTarEntry(e));
        }
        return ms.ToArray();
    }

    public static byte[] Compress(byte[] data, LayerCompression compression)
    {
        switch (compression)
        {
            case LayerCompression.Gzip:
                var ms = new MemoryStream();
                using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
                    gz.Write(data);
                return ms.ToArray();
            case LayerCompression.Zstd:
                using (var zc = new ZstdSharp.Compressor(3))
                    return zc.Wrap(data).ToArray();
            default:
                return data;
        }
    }

    private static UstarTarEntry ToTarEntry(LayerEntry e)
    {
        var type = e.Kind switch
        {
            EntryKind.Directory => TarEntryType.Directory,
            EntryKind.Symlink => TarEntryType.SymbolicLink,
            EntryKind.Hardlink => TarEntryType.HardLink,
            _ => TarEntryType.RegularFile,
        };
        var name = e.Kind == EntryKind.Directory && !e.Path.EndsWith('/') ? e.Path + "/" : e.Path;
        var entry = new UstarTarEntry(type, name)
        {
            Mode = (UnixFileMode)e.Mode,
            Uid = e.Uid,
            Gid = e.Gid,
            ModificationTime = Epoch,
            UserName = "",
            GroupName = "",
        };
        if (e.LinkTarget != null)
            entry.LinkName = e.LinkTarget;
        if (e.Kind == EntryKind.File)
            entry.DataStream = new MemoryStream(e.Content ?? []);
        return entry;
    }

    private void Parents(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var dir = "";
        for (var i = 0; i < parts.Length - 1; i++)
        {
            dir = dir.Length == 0 ? parts[i] : dir + "/" + parts[i];
            if (!_entries.Any(x => x.Path == dir))
                _entries.Add(new LayerEntry(EntryKind.Directory, dir, 0x1ED));
        }
    }
}
