using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>
/// Applies layer tars in order the way an overlay mount shows them: <c>.wh.name</c> deletes a lower path,
/// <c>.wh..wh..opq</c> hides everything lower layers put in its directory, a later entry replaces an earlier one
/// (a non-directory over a directory drops the directory's children).
/// </summary>
public static class LayerFlattener
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";

    public static SortedDictionary<string, FsEntry> Flatten(IEnumerable<byte[]> layers)
    {
        var fs = new SortedDictionary<string, FsEntry>(StringComparer.Ordinal);
        foreach (var layer in layers)
            Apply(fs, Read(layer));
        return fs;
    }

    private sealed record Raw(string Path, TarEntryType Type, int Mode, int Uid, int Gid, long Size, string? Sha, string? Link);

    private static void Apply(SortedDictionary<string, FsEntry> fs, List<Raw> entries)
    {
        // Whiteouts and opaque markers act on the layers below only, so they go first.
        foreach (var e in entries)
        {
            var name = Name(e.Path);
            var dir = Parent(e.Path);
            if (name == OpaqueMarker)
                RemoveChildren(fs, dir);
            else if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
                Remove(fs, Join(dir, name[WhiteoutPrefix.Length..]));
        }
        foreach (var e in entries)
        {
            if (Name(e.Path).StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
                continue;
            var entry = e.Type switch
            {
                TarEntryType.Directory => new FsEntry("dir", e.Mode, e.Uid, e.Gid, 0, null, null),
                TarEntryType.SymbolicLink => new FsEntry("symlink", e.Mode, e.Uid, e.Gid, 0, null, e.Link),
                TarEntryType.HardLink => fs.TryGetValue(Clean(e.Link!), out var target)
                    ? target
                    : new FsEntry("dangling-hardlink", e.Mode, e.Uid, e.Gid, 0, null, Clean(e.Link!)),
                TarEntryType.CharacterDevice => new FsEntry("char", e.Mode, e.Uid, e.Gid, 0, null, null),
                TarEntryType.BlockDevice => new FsEntry("block", e.Mode, e.Uid, e.Gid, 0, null, null),
                TarEntryType.Fifo => new FsEntry("fifo", e.Mode, e.Uid, e.Gid, 0, null, null),
                _ => new FsEntry("file", e.Mode, e.Uid, e.Gid, e.Size, e.Sha, null),
            };
            if (fs.TryGetValue(e.Path, out var old) && old.Type == "dir" && entry.Type != "dir")
                RemoveChildren(fs, e.Path);
            fs[e.Path] = entry;
        }
    }

    private static List<Raw> Read(byte[] layer)
    {
        var list = new List<Raw>();
        using var reader = new TarReader(Decompress(layer));
        while (reader.GetNextEntry() is { } e)
        {
            var path = Clean(e.Name);
            if (path.Length == 0)
                continue;
            string? sha = null;
            long size = 0;
            if (e.DataStream != null && e.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile)
            {
                using var ms = new MemoryStream();
                e.DataStream.CopyTo(ms);
                size = ms.Length;
                sha = Convert.ToHexStringLower(SHA256.HashData(ms.ToArray()));
            }
            list.Add(new Raw(path, e.EntryType, (int)e.Mode & 0xFFF, e.Uid, e.Gid, size, sha,
                string.IsNullOrEmpty(e.LinkName) ? null : e.LinkName));
        }
        return list;
    }

    private static Stream Decompress(byte[] layer)
    {
        var raw = new MemoryStream(layer);
        if (layer.Length > 2 && layer[0] == 0x1f && layer[1] == 0x8b)
            return new GZipStream(raw, CompressionMode.Decompress);
        if (layer.Length > 4 && layer[0] == 0x28 && layer[1] == 0xb5 && layer[2] == 0x2f && layer[3] == 0xfd)
            return new ZstdSharp.DecompressionStream(raw);
        return raw;
    }

    private static void Remove(SortedDictionary<string, FsEntry> fs, string path)
    {
        fs.Remove(path);
        RemoveChildren(fs, path);
    }

    private static void RemoveChildren(SortedDictionary<string, FsEntry> fs, string dir)
    {
        var prefix = dir.Length == 0 ? "" : dir + "/";
        foreach (var key in fs.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k != dir).ToList())
            fs.Remove(key);
    }

    /// <summary>"./a/b/" and "/a/b" both name "a/b"; the root is "".</summary>
    public static string Clean(string name)
    {
        var s = name.Replace('\\', '/');
        while (s.StartsWith("./", StringComparison.Ordinal))
            s = s[2..];
        s = s.Trim('/');
        return s == "." ? "" : s;
    }

    private static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static string Parent(string path) => path.LastIndexOf('/') is var i and >= 0 ? path[..i] : "";

    private static string Join(string dir, string name) => dir.Length == 0 ? name : dir + "/" + name;
}
