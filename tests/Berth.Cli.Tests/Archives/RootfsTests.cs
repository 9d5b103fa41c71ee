using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Archives;

/// <summary>
/// Mounts the layer directories berth unpacked (GraphDriver data) with overlayfs and compares the merged tree
/// with what the layers should merge to: whiteouts, opaque dirs, modes, owners, hardlinks, symlinks.
/// </summary>
public sealed class RootfsTests
{
    [Theory]
    [InlineData(ArchiveFormat.DockerClassic)]
    [InlineData(ArchiveFormat.Docker25)]
    [InlineData(ArchiveFormat.Oci)]
    public void LoadedLayers_MergeToTheExpectedTree(ArchiveFormat format)
    {
        using var t = new TestRoot();
        var image = ImageArchiveBuilder.Standard(41);
        var path = ArchiveFormats.Write(format, (image, ["tree:1"])).WriteTo(t.WorkPath("a.tar"));
        t.Berth.Run("load", "-i", path).Ok();
        var merged = OverlayMount.MountImage(t, "tree:1");

        var expected = image.Expected;
        Assert.False(expected.Nodes.ContainsKey("data/gone.txt"));
        Assert.Equal(["opq", "opq/new.txt"], expected.Nodes.Keys.Where(k => k.StartsWith("opq")).Order());
        Assert.Equal("4755", expected.Nodes["app/run"].Mode);
        FsTree.AssertMatches(expected, merged);
    }

    [Fact]
    public void ImportedRootfs_IsTheTarContent()
    {
        using var t = new TestRoot();
        Setup.ImportBusybox(t, "rootfs:1");
        var merged = OverlayMount.MountImage(t, "rootfs:1");
        FsTree.AssertMatches(ExpectedTree.FromLayers([BusyboxRootfs.Layer()]), merged);
    }

    [Fact]
    public void SharedLowerLayers_AreUnpackedOnce()
    {
        using var t = new TestRoot();
        var b = new ImageArchiveBuilder(42).Layer(BusyboxRootfs.Layer());
        var baseOnly = b.Build();
        var child = b.RandomLayer("extra", 2, LayerCompression.Gzip).Build();
        var path = ImageArchiveBuilder.DockerArchive((baseOnly, ["base:1"]), (child, ["child:1"]))
            .WriteTo(t.WorkPath("a.tar"));
        t.Berth.Run("load", "-i", path).Ok();
        var baseDir = t.Berth.Run("image", "inspect", "-f", "{{.GraphDriver.Data.UpperDir}}", "base:1").Ok().Stdout.Trim();
        var childLower = t.Berth.Run("image", "inspect", "-f", "{{.GraphDriver.Data.LowerDir}}", "child:1").Ok().Stdout.Trim();
        Assert.Equal(baseDir, childLower);
        FsTree.AssertMatches(child.Expected, OverlayMount.MountImage(t, "child:1"));
    }
}
