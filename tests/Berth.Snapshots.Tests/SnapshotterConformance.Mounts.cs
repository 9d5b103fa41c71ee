using Berth.Oci;

namespace Berth.Snapshots.Tests;

public abstract partial class SnapshotterConformance
{
    /// <summary>Mounts <paramref name="mounts"/> on a scratch directory, runs the check, unmounts, and
    /// verifies in /proc/self/mountinfo that nothing stayed mounted.</summary>
    protected void WithMounted(IReadOnlyList<Mount> mounts, Action<string> check)
    {
        var target = Scratch("mnt-" + Guid.NewGuid().ToString("N"));
        Assert.Single(mounts);
        mounts[0].MountTo(target);
        try
        {
            Assert.Single(TempRoot.MountsUnder(target));
            check(target);
        }
        finally
        {
            Mount.Unmount(target);
        }

        Assert.Empty(TempRoot.MountsUnder(target));
    }

    /// <summary>Three layers: whiteouts and an opaque directory in the middle one, as the layer applier
    /// writes them (overlay-style: char 0:0 device, trusted.overlay.opaque=y).</summary>
    private void UnpackThreeLayers()
    {
        Unpack(Snapshotter, "l1", null, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "a"), "1");
            File.WriteAllText(Path.Combine(dir, "b"), "1");
            Directory.CreateDirectory(Path.Combine(dir, "dir", "sub"));
            File.WriteAllText(Path.Combine(dir, "dir", "x"), "1");
            Directory.CreateDirectory(Path.Combine(dir, "keep"));
            File.WriteAllText(Path.Combine(dir, "keep", "k"), "1");
        });
        Unpack(Snapshotter, "l2", "l1", dir =>
        {
            File.WriteAllText(Path.Combine(dir, "b"), "2");
            TestSyscalls.Whiteout(Path.Combine(dir, "a"));
            Directory.CreateDirectory(Path.Combine(dir, "dir"));
            TestSyscalls.MakeOpaque(Path.Combine(dir, "dir"));
            File.WriteAllText(Path.Combine(dir, "dir", "y"), "2");
        });
        Unpack(Snapshotter, "l3", "l2", dir => File.WriteAllText(Path.Combine(dir, "c"), "3"));
    }

    [RootFact]
    public void View_OfAThreeLayerChain_ShowsTheMergedTree()
    {
        UnpackThreeLayers();

        WithMounted(Snapshotter.View("v", "l3"), root =>
        {
            Assert.False(File.Exists(Path.Combine(root, "a")), "whiteout in l2 hides l1's a");
            Assert.Equal("2", File.ReadAllText(Path.Combine(root, "b")));
            Assert.Equal("3", File.ReadAllText(Path.Combine(root, "c")));
            Assert.Equal(["y"], Directory.EnumerateFileSystemEntries(Path.Combine(root, "dir")).Select(Path.GetFileName));
            Assert.Equal("1", File.ReadAllText(Path.Combine(root, "keep", "k")));
            Assert.ThrowsAny<IOException>(() => File.WriteAllText(Path.Combine(root, "new"), "x"));
        });
    }

    [RootFact]
    public void Prepare_OnAChain_MountsWritable_AndChangesLandInTheWritableDirectoryOnly()
    {
        UnpackThreeLayers();
        var mounts = Snapshotter.Prepare("container", "l3");
        var writable = mounts.WritableDirectory()!;

        WithMounted(mounts, root =>
        {
            File.WriteAllText(Path.Combine(root, "new"), "n");
            File.WriteAllText(Path.Combine(root, "c"), "changed");
            File.Delete(Path.Combine(root, "b"));
        });

        Assert.Equal("n", File.ReadAllText(Path.Combine(writable, "new")));
        Assert.Equal("changed", File.ReadAllText(Path.Combine(writable, "c")));
        WithMounted(Snapshotter.View("check", "l3"), root =>
        {
            Assert.Equal("3", File.ReadAllText(Path.Combine(root, "c")));
            Assert.Equal("2", File.ReadAllText(Path.Combine(root, "b")));
            Assert.False(File.Exists(Path.Combine(root, "new")));
        });
    }

    [RootFact]
    public void DisposableMounts_WriteLikeMounts_AndMountAgainAfterUnmounting()
    {
        UnpackThreeLayers();
        Snapshotter.Prepare("container", "l3");
        var writable = Snapshotter.Mounts("container").WritableDirectory()!;

        // Twice: a driver that marks the layer at mount must not keep the next mount out.
        for (var round = 0; round < 2; round++)
        {
            WithMounted(Snapshotter.DisposableMounts("container"), root =>
            {
                Assert.Equal("3", File.ReadAllText(Path.Combine(root, "c")));
                File.WriteAllText(Path.Combine(root, "new"), $"{round}");
            });
            Assert.Equal($"{round}", File.ReadAllText(Path.Combine(writable, "new")));
        }
    }

    [Fact]
    public async Task RemoveAsync_TakesTheSnapshotOutAtOnce_AndItsFilesWithTheTask()
    {
        Unpack(Snapshotter, "base", null, dir => File.WriteAllText(Path.Combine(dir, "f"), "x"));
        Snapshotter.Prepare("container", "base");
        var writable = Snapshotter.Mounts("container").WritableDirectory()!;
        File.WriteAllText(Path.Combine(writable, "g"), "y");

        var deletion = Snapshotter.RemoveAsync("container");

        Assert.Null(Snapshotter.Stat("container"));
        Assert.DoesNotContain(Snapshotter.Walk(), s => s.Key == "container");
        Snapshotter.Prepare("container", "base");
        await deletion;
        Assert.False(Directory.Exists(writable));
        Assert.Equal(["base", "container"], Snapshotter.Walk().Select(s => s.Key).Order());
        await Assert.ThrowsAsync<BerthException>(() => Snapshotter.RemoveAsync("absent"));
    }

    [RootFact]
    public void Prepare_WithoutParent_MountsItsWritableDirectory()
    {
        var mounts = Snapshotter.Prepare("base", null);

        WithMounted(mounts, root => File.WriteAllText(Path.Combine(root, "f"), "x"));

        Assert.Equal("x", File.ReadAllText(Path.Combine(mounts.WritableDirectory()!, "f")));
    }

    [RootFact]
    public void View_OfOneParentOrNone_IsReadOnly()
    {
        Unpack(Snapshotter, "l1", null, dir => File.WriteAllText(Path.Combine(dir, "f"), "1"));

        WithMounted(Snapshotter.View("v1", "l1"), root =>
        {
            Assert.Equal("1", File.ReadAllText(Path.Combine(root, "f")));
            Assert.ThrowsAny<IOException>(() => File.WriteAllText(Path.Combine(root, "g"), "x"));
        });
        WithMounted(Snapshotter.View("v0", null), root =>
        {
            Assert.Empty(Directory.EnumerateFileSystemEntries(root));
            Assert.ThrowsAny<IOException>(() => File.WriteAllText(Path.Combine(root, "g"), "x"));
        });
        Assert.Null(Snapshotter.Mounts("v1").WritableDirectory());
    }
}
