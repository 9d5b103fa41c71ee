using System.Formats.Tar;
using System.Text.Json;
using Berth.Images.Tests.Support;
using Berth.Oci;
using Xunit.Abstractions;

namespace Berth.Images.Tests;

/// <summary>What Berth writes, read by the tools that define the formats: skopeo, umoci, docker.</summary>
public sealed class ExternalToolTests(ITestOutputHelper output)
{
    private const string Skopeo = "/usr/bin/skopeo";
    private const string Umoci = "/usr/bin/umoci";

    private static async Task<(StoreFixture Fixture, TestImage Image, ArchiveImage Read)> ImageAsync(int seed, LayerCompression compression)
    {
        var image = new RandomImages(seed).Image(2, compression, ["busybox:latest"]);
        var fixture = new StoreFixture();
        var read = await fixture.ReadDockerAsync(ArchiveFixtures.Classic(image));
        return (fixture, image, read.Single());
    }

    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task Skopeo_inspects_oci_archive(LayerCompression compression)
    {
        if (!ExternalTool.Available(Skopeo, output)) return;
        var (fixture, image, read) = await ImageAsync(40, compression);
        using var owner = fixture;
        var file = fixture.Temp.Combine("image.oci.tar");
        await File.WriteAllBytesAsync(file, await fixture.WriteOciAsync(read));

        var inspect = JsonDocument.Parse(ExternalTool.Check(Skopeo, "inspect", "oci-archive:" + file)).RootElement;
        Assert.Equal(image.Layers.Select(l => l.BlobDigest.ToString()), inspect.GetProperty("Layers").EnumerateArray().Select(e => e.GetString()));
        var config = ExternalTool.Check(Skopeo, "inspect", "--config", "--raw", $"oci-archive:{file}:docker.io/library/busybox:latest");
        Assert.Equal(read.ConfigDigest, Digest.Compute(System.Text.Encoding.UTF8.GetBytes(config)));
    }

    [Fact]
    public async Task Umoci_unpacks_oci_archive()
    {
        if (!ExternalTool.Available(Umoci, output, "--version")) return;
        var (fixture, image, read) = await ImageAsync(41, LayerCompression.Gzip);
        using var owner = fixture;
        var layout = fixture.Temp.Combine("layout");
        Directory.CreateDirectory(layout);
        await TarFile.ExtractToDirectoryAsync(new MemoryStream(await fixture.WriteOciAsync(read)), layout, overwriteFiles: false);
        var bundle = fixture.Temp.Combine("bundle");

        var (code, _, error) = ExternalTool.Run(Umoci, "unpack", "--image", layout + ":docker.io/library/busybox:latest", bundle);
        if (code != 0 && error.Contains("permission", StringComparison.OrdinalIgnoreCase))
            (code, _, error) = ExternalTool.Run(Umoci, "unpack", "--rootless", "--image", layout + ":docker.io/library/busybox:latest", bundle);

        Assert.True(code == 0, error);
        foreach (var name in image.Layers.SelectMany(l => l.Files))
            Assert.True(File.Exists(Path.Combine(bundle, "rootfs", name)), $"{name} missing from the unpacked rootfs");
    }

    [Fact]
    public async Task Skopeo_inspects_docker_archive()
    {
        if (!ExternalTool.Available(Skopeo, output)) return;
        var (fixture, image, read) = await ImageAsync(42, LayerCompression.Zstd);
        using var owner = fixture;
        var file = fixture.Temp.Combine("image.docker.tar");
        await File.WriteAllBytesAsync(file, await fixture.WriteDockerAsync(read));

        var inspect = JsonDocument.Parse(ExternalTool.Check(Skopeo, "inspect", "docker-archive:" + file)).RootElement;
        Assert.Equal(image.Layers.Select(l => l.DiffId.ToString()), inspect.GetProperty("Layers").EnumerateArray().Select(e => e.GetString()));
        // Naming the image makes skopeo look it up by manifest.json's RepoTags.
        var config = ExternalTool.Check(Skopeo, "inspect", "--config", "--raw", $"docker-archive:{file}:busybox:latest");
        Assert.Equal(read.ConfigDigest, Digest.Compute(System.Text.Encoding.UTF8.GetBytes(config)));
    }

    [Theory]
    [InlineData("docker-archive", LayerCompression.Gzip)]
    [InlineData("oci-archive", LayerCompression.Zstd)]
    public async Task Archives_skopeo_writes_from_ours_read_back_the_same(string transport, LayerCompression compression)
    {
        if (!ExternalTool.Available(Skopeo, output)) return;
        var (fixture, image, read) = await ImageAsync(44, compression);
        using var owner = fixture;
        var ours = fixture.Temp.Combine("ours.tar");
        await File.WriteAllBytesAsync(ours, await fixture.WriteOciAsync(read));
        var theirs = fixture.Temp.Combine("theirs.tar");

        ExternalTool.Check(Skopeo, "copy", "--quiet", "oci-archive:" + ours, $"{transport}:{theirs}:busybox:latest");
        using var again = new StoreFixture();
        await using var input = new NonSeekableStream(File.OpenRead(theirs));
        var reread = transport == "docker-archive"
            ? await DockerArchive.ReadAsync(input, again.Store, CancellationToken.None)
            : await OciArchive.ReadAsync(input, again.Store, CancellationToken.None);

        Assert.Equal(read.ConfigDigest, reread.Single().ConfigDigest);
        Assert.Equal(image.Layers.Select(l => l.DiffId), ImageValidator.Validate(again, reread[0]).RootFs.DiffIds);
        Assert.NotEmpty(reread[0].RepoTags);
        output.WriteLine(string.Join(", ", reread[0].RepoTags));
    }

    [Fact]
    public async Task Docker_loads_our_archive_and_its_save_reads_back()
    {
        const string Docker = "/usr/local/bin/docker";
        if (!ExternalTool.Available(Docker, output, "info")) return;
        var (fixture, _, read) = await ImageAsync(43, LayerCompression.Gzip);
        using var owner = fixture;
        var name = $"berth-images-test-{Environment.ProcessId}:latest";
        var file = fixture.Temp.Combine("image.docker.tar");
        await File.WriteAllBytesAsync(file, await fixture.WriteDockerAsync(read with { RepoTags = [name] }));
        try
        {
            Assert.Contains(name, ExternalTool.Check(Docker, "load", "-i", file));
            var saved = fixture.Temp.Combine("saved.tar");
            ExternalTool.Check(Docker, "save", "-o", saved, name);
            using var again = new StoreFixture();
            await using var input = new NonSeekableStream(File.OpenRead(saved));
            var reread = (await DockerArchive.ReadAsync(input, again.Store, CancellationToken.None)).Single();
            Assert.Equal(read.ConfigDigest, reread.ConfigDigest);
            Assert.Equal([name], reread.RepoTags);
            ImageValidator.Validate(again, reread);
        }
        finally
        {
            ExternalTool.Run(Docker, "rmi", name);
        }
    }
}
