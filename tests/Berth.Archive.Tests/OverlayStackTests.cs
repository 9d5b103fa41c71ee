using Berth.Linux;

namespace Berth.Archive.Tests;

/// <summary>Two applied layers stacked as overlayfs lowerdirs give exactly the merged view Docker shows.</summary>
public sealed class OverlayStackTests
{
    [Fact]
    public async Task TwoLayers_MergeWithWhiteoutsAndOpaqueDirectories()
    {
        Assert.True(Environment.IsPrivilegedProcess, "mounting overlayfs needs root: run the tests as root");
        using var tree = new TestTree();
        var lower = tree.NewDirectory("l1");
        var upper = tree.NewDirectory("l2");
        var merged = tree.NewDirectory("merged");
        await tree.ApplyAsync(new TarBuilder()
            .File("etc/hosts", "old hosts")
            .File("etc/keep", "kept")
            .File("var/cache/a", "a")
            .File("var/cache/sub/b", "b")
            .Build(), target: lower);
        await tree.ApplyAsync(new TarBuilder()
            .File("etc/.wh.hosts", "")
            .Directory("var/cache")
            .File("var/cache/.wh..wh..opq", "")
            .File("var/cache/new", "new")
            .Build(), target: upper);

        // Two lowerdirs and no upperdir make a read-only overlay; the leftmost lowerdir is the top layer.
        Mounts.Mount("overlay", merged, "overlay", MountFlags.ReadOnly, $"lowerdir={upper}:{lower}");
        try
        {
            var files = Directory.EnumerateFileSystemEntries(merged, "*", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(merged, p)).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(new[] { "etc", "etc/keep", "var", "var/cache", "var/cache/new" }, files);
            Assert.Equal("kept", File.ReadAllText(Path.Combine(merged, "etc/keep")));
            Assert.Equal("new", File.ReadAllText(Path.Combine(merged, "var/cache/new")));
        }
        finally
        {
            Mounts.Unmount(merged);
        }
    }
}
