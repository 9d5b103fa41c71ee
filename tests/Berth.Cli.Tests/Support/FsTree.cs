using System.Diagnostics;

namespace Berth.Cli.Tests.Support;

/// <summary>Reads a real directory tree (lstat, via find -printf) into the shape <see cref="ExpectedTree"/> has.</summary>
public static class FsTree
{
    public static (Dictionary<string, TreeNode> Nodes, Dictionary<string, string> Inodes) Read(string dir)
    {
        var psi = new ProcessStartInfo("find") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dir, "-mindepth", "1", "-printf", "%P\\t%y\\t%m\\t%U\\t%G\\t%i\\t%l\\0" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "find failed: " + p.StandardError.ReadToEnd());
        var nodes = new Dictionary<string, TreeNode>(StringComparer.Ordinal);
        var inodes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = record.Split('\t');
            var kind = f[1][0];
            var sha = kind == 'f' ? Sha.Hex(File.ReadAllBytes(Path.Combine(dir, f[0]))) : null;
            nodes[f[0]] = new TreeNode(kind, f[2], int.Parse(f[3]), int.Parse(f[4]), sha, kind == 'l' ? f[6] : null);
            inodes[f[0]] = f[5];
        }
        return (nodes, inodes);
    }

    /// <summary>Asserts <paramref name="dir"/> holds exactly <paramref name="expected"/>, hardlinks shared.</summary>
    public static void AssertMatches(ExpectedTree expected, string dir)
    {
        var (actual, inodes) = Read(dir);
        var missing = expected.Nodes.Keys.Except(actual.Keys).Order().ToList();
        var extra = actual.Keys.Except(expected.Nodes.Keys).Order().ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"tree differs: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", extra)}]");
        foreach (var (path, node) in expected.Nodes)
            Assert.True(node == actual[path], $"{path}: expected {node}, found {actual[path]}");
        foreach (var (path, target) in expected.Hardlinks)
            Assert.True(inodes[path] == inodes[target], $"{path} should be a hardlink of {target}");
    }
}
