using Berth.Images.Tests.Support;
using Berth.Oci;

namespace Berth.Images.Tests;

public sealed class RoundTripTests
{
    [Theory]
    [InlineData(LayerCompression.None)]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task Docker_archive_round_trip_keeps_config_and_diff_ids(LayerCompression compression)
    {
        var random = new RandomImages(10);
        var first = random.Image(3, compression, ["busybox:latest"]);
        var second = random.Image(2, compression, ["registry.example:5000/team/app:v2"], shared: [first.Layers[0]]);
        using var fixture = new StoreFixture();
        var read = await fixture.ReadDockerAsync(ArchiveFixtures.Classic(first, second));

        var written = await fixture.WriteDockerAsync([.. read]);
        using var again = new StoreFixture();
        var reread = await again.ReadDockerAsync(written);

        Assert.Equal(read.Select(i => i.ConfigDigest), reread.Select(i => i.ConfigDigest));
        Assert.Equal(["busybox:latest"], reread[0].RepoTags);
        Assert.Equal(["registry.example:5000/team/app:v2"], reread[1].RepoTags);
        foreach (var image in reread)
        {
            ImageValidator.Validate(again, image);
            Assert.All(again.Manifest(image).Layers, l => Assert.Equal(MediaTypes.DockerLayer, l.MediaType));
        }
        // The shared layer is written once: 4 distinct layers, 2 configs, 2 OCI manifests.
        var blobs = await ReadTarNamesAsync(written);
        Assert.Equal(8, blobs.Count(n => n.StartsWith("blobs/sha256/", StringComparison.Ordinal) && n.Length > 13));
        Assert.Equal(["blobs/", "blobs/sha256/"], blobs.Take(2));
        Assert.Equal(["index.json", "manifest.json", "oci-layout", "repositories"], blobs.TakeLast(4));
    }

    [Fact]
    public async Task Docker_archive_written_twice_is_byte_identical()
    {
        var image = new RandomImages(11).Image(2, LayerCompression.Gzip, ["busybox:latest"]);
        using var fixture = new StoreFixture();
        var read = await fixture.ReadDockerAsync(ArchiveFixtures.Classic(image));
        Assert.Equal(await fixture.WriteDockerAsync([.. read]), await fixture.WriteDockerAsync([.. read]));
        Assert.Equal(await fixture.WriteOciAsync([.. read]), await fixture.WriteOciAsync([.. read]));
    }

    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task Oci_archive_round_trip_keeps_manifest_digest_and_compression(LayerCompression compression)
    {
        var image = new RandomImages(12).Image(3, compression, ["busybox:1.36"]);
        using var fixture = new StoreFixture();
        var oci = ArchiveFixtures.Oci(tag => new() { ["org.opencontainers.image.ref.name"] = tag.Split(':')[1], ["io.containerd.image.name"] = "docker.io/library/" + tag }, image);
        var read = await fixture.ReadOciAsync(oci);

        var written = await fixture.WriteOciAsync([.. read]);
        using var again = new StoreFixture();
        var reread = await again.ReadOciAsync(written);

        Assert.Equal(read.Single().Manifest, reread.Single().Manifest);
        Assert.Equal(["docker.io/library/busybox:1.36"], reread.Single().RepoTags);
        ImageValidator.Validate(again, reread[0]);
        Assert.All(again.Manifest(reread[0]).Layers, l => Assert.Equal(MediaTypes.LayerCompressionOf(l.MediaType), compression));
    }

    [Fact]
    public async Task Docker_manifest_written_to_oci_archive_gets_oci_media_types()
    {
        var image = new RandomImages(13).Image(2, LayerCompression.Gzip, ["busybox:latest"]);
        using var fixture = new StoreFixture();
        var read = await fixture.ReadDockerAsync(ArchiveFixtures.Classic(image));
        using var again = new StoreFixture();
        var reread = await again.ReadOciAsync(await fixture.WriteOciAsync([.. read]));

        var manifest = again.Manifest(reread.Single());
        Assert.Equal(MediaTypes.OciManifest, manifest.MediaType);
        Assert.Equal(MediaTypes.OciConfig, manifest.Config.MediaType);
        Assert.All(manifest.Layers, l => Assert.Equal(MediaTypes.OciLayerGzip, l.MediaType));
        Assert.Equal(read[0].ConfigDigest, reread[0].ConfigDigest);
        ImageValidator.Validate(again, reread[0]);
    }

    [Fact]
    public async Task Oci_layout_directory_round_trip()
    {
        var image = new RandomImages(14).Image(2, LayerCompression.Zstd, ["busybox:latest"]);
        using var fixture = new StoreFixture();
        var read = await fixture.ReadOciAsync(ArchiveFixtures.Oci(tag => new() { ["org.opencontainers.image.ref.name"] = tag }, image));
        var directory = fixture.Temp.Combine("layout");

        await OciLayout.WriteAsync([.. read.Select(fixture.ToSave)], fixture.Store, directory, CancellationToken.None);
        using var again = new StoreFixture();
        var reread = await OciLayout.ReadAsync(directory, again.Store, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(directory, "oci-layout")));
        Assert.Equal(read.Single().Manifest, reread.Single().Manifest);
        Assert.Equal(["docker.io/library/busybox:latest"], reread[0].RepoTags);
        ImageValidator.Validate(again, reread[0]);
    }

    private static async Task<List<string>> ReadTarNamesAsync(byte[] tar)
    {
        var names = new List<string>();
        using var reader = new System.Formats.Tar.TarReader(new MemoryStream(tar));
        while (await reader.GetNextEntryAsync() is { } entry) names.Add(entry.Name);
        return names;
    }
}
