namespace Berth.Engine.Networks;

/// <summary>
/// Which state root made each bridge on this host: a file per bridge under /run/berth/bridges naming the root,
/// its nft table and its iptables chain. A bridge outlives its last container (the default bridge, as Docker's
/// docker0, until the root goes), so a root deleted with its bridge up leaves them behind; whichever root next
/// makes a bridge or changes its rules finds them here (their root no longer exists) and takes them down.
/// </summary>
internal static class HostBridgeRegistry
{
    private const string Directory = "/run/berth/bridges";

    /// <summary>Records that <paramref name="root"/> made <paramref name="bridge"/>.</summary>
    public static void Register(string bridge, string root, string nftTable, string forwardChain)
    {
        Storage.ReplaceableFile.Write(Path.Combine(Directory, bridge), $"{root}\n{nftTable}\n{forwardChain}\n");
    }

    public static void Unregister(string bridge) => File.Delete(Path.Combine(Directory, bridge));

    /// <summary>The bridges whose state root no longer exists.</summary>
    public static IReadOnlyList<HostBridgeOwner> Orphans()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var orphans = new List<HostBridgeOwner>();
        foreach (var path in System.IO.Directory.GetFiles(Directory))
        {
            if (Path.GetFileName(path).Contains(".tmp-", StringComparison.Ordinal)) continue;
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (FileNotFoundException)
            {
                continue;
            }
            if (lines.Length < 3 || System.IO.Directory.Exists(lines[0])) continue;
            orphans.Add(new HostBridgeOwner(Path.GetFileName(path), lines[0], lines[1], lines[2]));
        }
        return orphans;
    }
}
