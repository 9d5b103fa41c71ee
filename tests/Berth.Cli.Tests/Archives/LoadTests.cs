using System.IO.Compression;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Archives;

public sealed class LoadTests
{
    [Theory]
    [InlineData(ArchiveFormat.DockerClassic)]
    [InlineData(ArchiveFormat.Docker25)]
    [InlineData(ArchiveFormat.Oci)]
    public void LoadFile_EveryFormat_GivesDockersIdAndName(ArchiveFormat format)
    {
        using var t = new TestRoot();
        var image = ImageArchiveBuilder.Standard(31);
        var path = ArchiveFormats.Write(format, (image, ["loaded:1"])).WriteTo(t.WorkPath("a.tar"));
        var r = t.Berth.Run("load", "-i", path).Ok();
        Assert.EndsWith("Loaded image: loaded:1\n", r.Stdout);
        AssertStored(t, image, "loaded:1");
    }

    [Theory]
    [InlineData(ArchiveFormat.DockerClassic, false)]
    [InlineData(ArchiveFormat.DockerClassic, true)]
    [InlineData(ArchiveFormat.Docker25, true)]
    [InlineData(ArchiveFormat.Oci, false)]
    [InlineData(ArchiveFormat.Oci, true)]
    public void LoadStdin_PlainOrGzipArchive(ArchiveFormat format, bool gzip)
    {
        using var t = new TestRoot();
        var image = ImageArchiveBuilder.Standard(32);
        var bytes = ArchiveFormats.Write(format, (image, ["stdin:1"])).ToBytes();
        if (gzip)
            bytes = LayerBuilder.Compress(bytes, LayerCompression.Gzip);
        var r = t.Berth.Exec(["load"], stdin: bytes).Ok();
        Assert.EndsWith("Loaded image: stdin:1\n", r.Stdout);
        AssertStored(t, image, "stdin:1");
    }

    [Fact]
    public void LoadFile_GzipCompressedArchive()
    {
        using var t = new TestRoot();
        var image = ImageArchiveBuilder.Standard(33);
        var path = t.WorkPath("a.tar.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write(ImageArchiveBuilder.DockerArchive((image, ["gz:1"])).ToBytes());
        t.Berth.Run("load", "-q", "-i", path).Ok();
        AssertStored(t, image, "gz:1");
    }

    [Theory]
    [InlineData(ArchiveFormat.DockerClassic, LayerCompression.None)]
    [InlineData(ArchiveFormat.DockerClassic, LayerCompression.Gzip)]
    [InlineData(ArchiveFormat.DockerClassic, LayerCompression.Zstd)]
    [InlineData(ArchiveFormat.Oci, LayerCompression.None)]
    [InlineData(ArchiveFormat.Oci, LayerCompression.Gzip)]
    [InlineData(ArchiveFormat.Oci, LayerCompression.Zstd)]
    public void Load_LayersOfOneCompression(ArchiveFormat format, LayerCompression c)
    {
        using var t = new TestRoot();
        var image = ImageArchiveBuilder.Standard(34, c, c, c);
        var path = ArchiveFormats.Write(format, (image, ["c:1"])).WriteTo(t.WorkPath("a.tar"));
        t.Berth.Run("load", "-i", path).Ok();
        AssertStored(t, image, "c:1");
    }

    [Theory]
    [InlineData(ArchiveFormat.DockerClassic)]
    [InlineData(ArchiveFormat.Docker25)]
    [InlineData(ArchiveFormat.Oci)]
    public void Load_MultiImageArchiveWithSeveralTags(ArchiveFormat format)
    {
        using var t = new TestRoot();
        var a = ImageArchiveBuilder.Standard(35);
        var b = ImageArchiveBuilder.Standard(36);
        var path = ArchiveFormats.Write(format, (a, ["multi/a:1", "multi/a:2"]), (b, ["example.com/multi/b:1"]))
            .WriteTo(t.WorkPath("multi.tar"));
        var r = t.Berth.Run("load", "-i", path).Ok();
        foreach (var name in new[] { "multi/a:1", "multi/a:2", "example.com/multi/b:1" })
            Assert.Contains($"Loaded image: {name}\n", r.Stdout);
        Assert.Equal(["example.com/multi/b:1", "multi/a:1", "multi/a:2"], Setup.Names(t));
        Assert.Equal(a.Id + "\n", t.Berth.Run("images", "-q", "--no-trunc", "multi/a:2").Ok().Stdout);
        Assert.Equal(b.Id + "\n", t.Berth.Run("images", "-q", "--no-trunc", "example.com/multi/b").Ok().Stdout);
        Assert.Equal(0, t.Berth.Run("system", "check").ExitCode);
    }

    [Fact]
    public void Load_UntaggedImage_ReportsItsId()
    {
        using var t = new TestRoot();
        var image = ImageArchiveBuilder.Standard(37);
        var path = ImageArchiveBuilder.OciArchive((image, [])).WriteTo(t.WorkPath("a.tar"));
        var r = t.Berth.Run("load", "-i", path).Ok();
        Assert.EndsWith($"Loaded image ID: {image.Id}\n", r.Stdout);
        Assert.Equal(image.Id + "\n", t.Berth.Run("images", "-q", "--no-trunc", "--filter", "dangling=true").Ok().Stdout);
    }

    [Fact]
    public void Load_SameArchiveTwice_IsIdempotent()
    {
        using var t = new TestRoot();
        var image = ImageArchiveBuilder.Standard(38);
        var path = ImageArchiveBuilder.DockerArchive((image, ["twice:1"])).WriteTo(t.WorkPath("a.tar"));
        t.Berth.Run("load", "-i", path).Ok();
        t.Berth.Run("load", "-i", path).Ok();
        AssertStored(t, image, "twice:1");
    }

    [Fact]
    public void Load_TagHeldByAnotherImage_MovesItAndSaysSo()
    {
        using var t = new TestRoot();
        var old = Setup.ImportBusybox(t, "dup:1");
        var image = ImageArchiveBuilder.Standard(39);
        var path = ImageArchiveBuilder.DockerArchive((image, ["dup:1"])).WriteTo(t.WorkPath("a.tar"));
        var r = t.Berth.Run("load", "-i", path).Ok();
        Assert.Equal($"The image dup:1 already exists, renaming the old one with ID {old} to empty string\nLoaded image: dup:1\n",
            r.Stdout[r.Stdout.IndexOf("The image", StringComparison.Ordinal)..]);
        Assert.Equal(image.Id + "\n", t.Berth.Run("images", "-q", "--no-trunc", "dup:1").Ok().Stdout);
        Assert.Equal(old + "\n", t.Berth.Run("images", "-q", "--no-trunc", "--filter", "dangling=true").Ok().Stdout);
    }

    /// <summary>The image is listed under its config digest, its layers are the diffIDs, the store verifies.</summary>
    internal static void AssertStored(TestRoot t, BuiltImage image, string name)
    {
        Assert.Equal(image.Id + "\n", t.Berth.Run("images", "-q", "--no-trunc", name).Ok().Stdout);
        Assert.Equal(image.ShortId + "\n", t.Berth.Run("images", "--format", "{{.ID}}", name).Ok().Stdout);
        var layers = t.Berth.Run("image", "inspect", "--format", "{{range .RootFS.Layers}}{{println .}}{{end}}", name).Ok();
        Assert.Equal(image.Layers.Select(l => l.DiffId), layers.Lines);
        var check = t.Berth.Run("system", "check");
        Assert.True(check.ExitCode == 0, check.ToString());
    }
}
