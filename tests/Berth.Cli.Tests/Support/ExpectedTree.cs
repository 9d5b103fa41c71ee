namespace Berth.Cli.Tests.Support;

/// <summary>
/// What a stack of layers merges to under the OCI layer rules: a later entry replaces an earlier one,
/// <c>.wh.NAME</c> deletes NAME of lower layers, <c>.wh..wh..opq</c> hides everything lower in its directory.
/// </summary>
public sealed class ExpectedTree
{
    private const string Opaque = ".wh..wh..opq";

    public Dictionary<string, TreeNode> Nodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Pairs of paths that must share an inode.</summary>
    public List<(string Path, string Target)> Hardlinks { get; } = [];

    public static ExpectedTree FromLayers(IEnumerable<LayerBuilder> layers)
    {
        var tree = new ExpectedTree();
        foreach (var layer in layers)
            tree.Apply(layer.Entries);
        tree.Hardlinks.RemoveAll(h => !tree.Nodes.ContainsKey(h.Path) || !tree.Nodes.ContainsKey(h.Target));
        return tree;
    }

    private void Apply(IReadOnlyList<LayerEntry> entries)
    {
        foreach (var e in entries.Where(e => Name(e.Path) == Opaque))
            RemoveBelow(Dir(e.Path));
        foreach (var e in entries)
        {
            var path = e.Path.TrimEnd('/');
            var name = Name(path);
            if (name == Opaque)
                continue;
            if (name.StartsWith(".wh.", StringComparison.Ordinal))
            {
                var victim = Join(Dir(path), name[4..]);
                Nodes.Remove(victim);
                RemoveBelow(victim);
                continue;
            }
            if (e.Kind != EntryKind.Directory)
                RemoveBelow(path);
            Nodes[path] = e.Kind switch
            {
                EntryKind.Directory => new TreeNode('d', Octal(e.Mode), e.Uid, e.Gid, null, null),
                EntryKind.Symlink => new TreeNode('l', "777", e.Uid, e.Gid, null, e.LinkTarget),
                EntryKind.Hardlink => Nodes[e.LinkTarget!],
                _ => new TreeNode('f', Octal(e.Mode), e.Uid, e.Gid, Sha.Hex(e.Content ?? []), null),
            };
            if (e.Kind == EntryKind.Hardlink)
                Hardlinks.Add((path, e.LinkTarget!));
        }
    }

    private void RemoveBelow(string dir)
    {
        foreach (var key in Nodes.Keys.Where(k => k.StartsWith(dir + "/", StringComparison.Ordinal)).ToList())
            Nodes.Remove(key);
    }

    private static string Octal(int mode) => Convert.ToString(mode & 0xFFF, 8);
    private static string Name(string path) => path.TrimEnd('/')[(path.TrimEnd('/').LastIndexOf('/') + 1)..];
    private static string Dir(string path) => path.TrimEnd('/').LastIndexOf('/') is var i and >= 0 ? path[..i] : "";
    private static string Join(string dir, string name) => dir.Length == 0 ? name : dir + "/" + name;
}
