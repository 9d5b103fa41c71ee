using Berth.Images.Tests.Support;
using Berth.Oci;

namespace Berth.Images.Tests;

public sealed class DockerArchiveReadTests
{
    [Theory]
    [InlineData(LayerCompression.None)]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task Classic_archive_with_shared_layer_is_stored_and_valid(LayerCompression compression)
    {
        var random = new RandomImages(1);
        var first = random.Image(3, compression, ["busybox:latest"]);
        var second = random.Image(2, compression, ["app:v1", "app:latest"], shared: [first.Layers[0]]);
        using var fixture = new StoreFixture();

        var images = await fixture.ReadDockerAsync(ArchiveFixtures.Classic(first, second));

        Assert.Equal(2, images.Count);
        Assert.Equal(first.ConfigDigest, images[0].ConfigDigest);
        Assert.Equal(["busybox:latest"], images[0].RepoTags);
        Assert.Equal(["app:v1", "app:latest"], images[1].RepoTags);
        foreach (var (image, expected) in images.Zip([first, second]))
        {
            var config = ImageValidator.Validate(fixture, image);
            Assert.Equal(expected.Layers.Select(l => l.DiffId), config.RootFs.DiffIds);
            var manifest = fixture.Manifest(image);
            Assert.Equal(expected.Layers.Select(l => l.BlobDigest), manifest.Layers.Select(l => l.Digest));
            Assert.Equal(compression == LayerCompression.Zstd ? MediaTypes.OciManifest : MediaTypes.DockerManifest, image.Manifest.MediaType);
        }
    }

    [Fact]
    public async Task Classic_layers_get_docker_media_types()
    {
        var image = new RandomImages(2).Image(2, LayerCompression.Gzip);
        using var fixture = new StoreFixture();
        var manifest = fixture.Manifest((await fixture.ReadDockerAsync(ArchiveFixtures.Classic(image)))[0]);
        Assert.Equal(MediaTypes.DockerConfig, manifest.Config.MediaType);
        Assert.All(manifest.Layers, l => Assert.Equal(MediaTypes.DockerLayerGzip, l.MediaType));
    }

    [Fact]
    public async Task Docker25_archive_reads_from_manifest_json()
    {
        var random = new RandomImages(3);
        var first = random.Image(2, tags: ["busybox:latest"]);
        var second = random.Image(3, tags: [], shared: first.Layers);
        using var fixture = new StoreFixture();

        var images = await fixture.ReadDockerAsync(ArchiveFixtures.Docker25(first, second));

        Assert.Equal([first.ConfigDigest, second.ConfigDigest], images.Select(i => i.ConfigDigest));
        Assert.Empty(images[1].RepoTags);
        foreach (var image in images) ImageValidator.Validate(fixture, image);
        Assert.All(fixture.Manifest(images[0]).Layers, l => Assert.Equal(MediaTypes.DockerLayer, l.MediaType));
    }

    [Fact]
    public async Task Archive_without_manifest_json_is_read_as_oci_layout()
    {
        var image = new RandomImages(4).Image(2, LayerCompression.Gzip, ["busybox:latest"]);
        using var fixture = new StoreFixture();
        var oci = ArchiveFixtures.Oci(tag => new() { ["org.opencontainers.image.ref.name"] = "docker.io/library/" + tag }, image);

        var images = await fixture.ReadDockerAsync(oci);

        Assert.Equal(["docker.io/library/busybox:latest"], images.Single().RepoTags);
        ImageValidator.Validate(fixture, images[0]);
    }

    [Fact]
    public async Task Gzip_compressed_archive_is_accepted_like_docker_load()
    {
        var image = new RandomImages(5).Image(1);
        using var fixture = new StoreFixture();
        var images = await fixture.ReadDockerAsync(RandomImages.Compress(ArchiveFixtures.Docker25(image), LayerCompression.Gzip));
        Assert.Equal(image.ConfigDigest, images.Single().ConfigDigest);
    }

    [Fact]
    public async Task Seekable_and_non_seekable_inputs_give_the_same_images()
    {
        var image = new RandomImages(6).Image(3, LayerCompression.Zstd);
        var archive = ArchiveFixtures.Classic(image);
        using var fixture = new StoreFixture();
        var fromPipe = await fixture.ReadDockerAsync(archive);
        var fromFile = await DockerArchive.ReadAsync(new MemoryStream(archive), fixture.Store, CancellationToken.None);
        Assert.Equal(fromPipe.Single().Manifest, fromFile.Single().Manifest);
        Assert.Equal(fromPipe.Single().RepoTags, fromFile.Single().RepoTags);
    }
}
