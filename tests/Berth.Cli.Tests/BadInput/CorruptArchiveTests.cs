using System.Text;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.BadInput;

/// <summary>Broken archives: each fails with one line on stderr and leaves the store as it was.</summary>
public sealed class CorruptArchiveTests : IDisposable
{
    private readonly TestRoot _t = new();
    private readonly List<string> _before;
    private readonly BuiltImage _image = ImageArchiveBuilder.Standard(71);

    public CorruptArchiveTests()
    {
        Setup.ImportBusybox(_t, "keep:1");
        _before = Setup.Names(_t);
    }

    public void Dispose() => _t.Dispose();

    private void LoadFails(byte[] archive, params string[] mentions)
    {
        var path = _t.WorkPath("bad.tar");
        File.WriteAllBytes(path, archive);
        Rejection.AssertRejected(_t, _t.Berth.Run("load", "-i", path), _before, mentions);
        Rejection.AssertRejected(_t, _t.Berth.Exec(["load"], stdin: archive), _before, mentions);
    }

    [Fact]
    public void TruncatedArchive()
    {
        var bytes = ImageArchiveBuilder.DockerArchive((_image, ["bad:1"])).ToBytes();
        LoadFails(bytes[..(bytes.Length / 2)]);
    }

    [Fact]
    public void TruncatedGzipArchive()
    {
        var bytes = LayerBuilder.Compress(ImageArchiveBuilder.DockerArchive((_image, ["bad:1"])).ToBytes(), LayerCompression.Gzip);
        LoadFails(bytes[..(bytes.Length - 100)]);
    }

    [Fact]
    public void CorruptGzip()
    {
        var bytes = LayerBuilder.Compress(ImageArchiveBuilder.DockerArchive((_image, ["bad:1"])).ToBytes(), LayerCompression.Gzip);
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++)
            bytes[i] ^= 0x5A;
        LoadFails(bytes);
    }

    [Fact]
    public void NotATar()
    {
        LoadFails(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("this is not an image archive\n", 100))));
    }

    [Fact]
    public void EmptyInput()
    {
        LoadFails([]);
    }

    [Fact]
    public void ManifestReferencesAMissingLayer()
    {
        var tar = ImageArchiveBuilder.DockerArchive((_image, ["bad:1"]));
        var filtered = new ArchiveTar();
        var raw = new System.Formats.Tar.TarReader(new MemoryStream(tar.ToBytes()));
        var skipped = false;
        while (raw.GetNextEntry() is { } e)
        {
            if (!skipped && e.Name.EndsWith("/layer.tar"))
            {
                skipped = true;
                continue;
            }
            var ms = new MemoryStream();
            e.DataStream?.CopyTo(ms);
            filtered.Add(e.Name, ms.ToArray());
        }
        LoadFails(filtered.ToBytes(), "layer.tar");
    }

    [Fact]
    public void LayerDoesNotMatchTheConfigDiffId()
    {
        // The config names the diffIDs of _image; the layers are another image's.
        var other = ImageArchiveBuilder.Standard(72);
        var forged = new BuiltImage(other.Layers, _image.Config);
        LoadFails(ImageArchiveBuilder.DockerArchive((forged, ["bad:1"])).ToBytes(), "sha256:");
    }

    [Fact]
    public void OciBlobWithAnotherDigest()
    {
        var tar = ImageArchiveBuilder.OciArchive((_image, ["bad:1"]));
        var victim = "blobs/sha256/" + _image.Layers[1].BlobDigest[7..];
        var forged = Replace(tar.ToBytes(), victim, LayerBuilder.Compress(new LayerBuilder().File("x", "forged").ToTar(), LayerCompression.Gzip));
        LoadFails(forged, _image.Layers[1].BlobDigest[7..19]);
    }

    [Fact]
    public void OciUnknownLayerMediaType()
    {
        var images = new[] { (_image, new[] { "bad:1" }) };
        var tar = ImageArchiveBuilder.OciArchive(images, l => l == _image.Layers[2] ? "application/vnd.example.layer.v1.tar+lz4" : l.OciMediaType);
        LoadFails(tar.ToBytes(), "application/vnd.example.layer.v1.tar+lz4");
    }

    /// <summary>The archive with the content of <paramref name="name"/> replaced.</summary>
    private static byte[] Replace(byte[] archive, string name, byte[] content)
    {
        var result = new ArchiveTar();
        var reader = new System.Formats.Tar.TarReader(new MemoryStream(archive));
        while (reader.GetNextEntry() is { } e)
        {
            var ms = new MemoryStream();
            e.DataStream?.CopyTo(ms);
            result.Add(e.Name, e.Name == name ? content : ms.ToArray());
        }
        return result.ToBytes();
    }
}
