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

    [Fact]
    public async Task Docker_loads_docker_archive()
    {
        if (!ExternalTool.Available("/usr/local/bin/docker", output, "info")) return;
        var (fixture, _, read) = await ImageAsync(43, LayerCompression.Gzip);
        using var owner = fixture;
        var file = fixture.Temp.Combine("image.docker.tar");
        await File.WriteAllBytesAsync(file, await fixture.WriteDockerAsync(read with { RepoTags = ["berth-images-test:latest"] }));
        var loaded = ExternalTool.Check("/usr/local/bin/docker", "load", "-i", file);
        Assert.Contains("berth-images-test:latest", loaded);
        var config = ExternalTool.Check("/usr/local/bin/docker", "image", "inspect", "--format", "{{json .RootFS.Layers}}", "berth-images-test:latest");
        ExternalTool.Run("/usr/local/bin/docker", "rmi", "berth-images-test:latest");
        Assert.All(fixture.Config(read.ConfigDigest).RootFs.DiffIds, d => Assert.Contains(d.ToString(), config));
    }
}
