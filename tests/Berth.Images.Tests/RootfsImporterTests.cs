using System.Text;
using Berth.Images.Tests.Support;
using Berth.Oci;

namespace Berth.Images.Tests;

public sealed class RootfsImporterTests
{
    private static readonly DateTimeOffset When = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static Task<ArchiveImage> ImportAsync(StoreFixture fixture, byte[] tarball, ImportOptions? options = null) =>
        RootfsImporter.ImportAsync(new NonSeekableStream(new MemoryStream(tarball)),
            options ?? new ImportOptions { Time = new FixedTime(When) }, fixture.Store, CancellationToken.None);

    [Theory]
    [InlineData(LayerCompression.None)]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task Import_stores_one_uncompressed_layer(LayerCompression compression)
    {
        var layer = new RandomImages(30).Layer();
        using var fixture = new StoreFixture();

        var image = await ImportAsync(fixture, RandomImages.Compress(layer.Tar, compression));

        var config = ImageValidator.Validate(fixture, image);
        Assert.Equal(MediaTypes.DockerManifest, image.Manifest.MediaType);
        var manifest = fixture.Manifest(image);
        Assert.Equal(MediaTypes.DockerConfig, manifest.Config.MediaType);
        Assert.Equal(MediaTypes.DockerLayer, manifest.Layers.Single().MediaType);
        Assert.Equal([layer.DiffId], config.RootFs.DiffIds);
        Assert.Equal(layer.DiffId, manifest.Layers[0].Digest);
        Assert.Equal(When, config.Created);
        Assert.Equal(Platform.Host.Architecture, config.Architecture);
        Assert.Equal("linux", config.Os);
        Assert.Equal("Imported from -", config.Comment);
        var history = config.History!.Single();
        Assert.Equal(When, history.Created);
        Assert.Equal("Imported from -", history.Comment);
        Assert.Empty(image.RepoTags);
    }

    [Fact]
    public async Task Same_input_and_clock_give_the_same_image_id()
    {
        var layer = new RandomImages(31).Layer();
        using var fixture = new StoreFixture();
        var options = new ImportOptions { Time = new FixedTime(When), Source = "rootfs.tar", Changes = ["CMD [\"/bin/sh\"]", "ENV A=1"] };
        var first = await ImportAsync(fixture, layer.Tar, options);
        var second = await ImportAsync(fixture, layer.Tar, options);
        Assert.Equal(first.ConfigDigest, second.ConfigDigest);
        var config = fixture.Config(first.ConfigDigest);
        Assert.Equal("Imported from rootfs.tar", config.Comment);
        Assert.Equal(["/bin/sh"], config.Config!.Cmd);
        Assert.Equal(["A=1"], config.Config.Env);
        var json = Encoding.UTF8.GetString(fixture.Bytes(first.ConfigDigest));
        Assert.DoesNotContain("\n", json);
        Assert.StartsWith("{\"created\":", json);
    }

    [Fact]
    public async Task Message_replaces_the_comment()
    {
        using var fixture = new StoreFixture();
        var image = await ImportAsync(fixture, new RandomImages(32).Layer().Tar, new ImportOptions { Message = "base v1", Time = new FixedTime(When) });
        Assert.Equal("base v1", fixture.Config(image.ConfigDigest).History!.Single().Comment);
    }

    [Fact]
    public async Task Bad_inputs_and_changes_are_rejected()
    {
        using var fixture = new StoreFixture();
        var notTar = Encoding.UTF8.GetBytes(new string('z', 1000));
        Assert.Contains("not a tar", (await Assert.ThrowsAsync<BerthException>(() => ImportAsync(fixture, notTar))).Message);
        Assert.Contains("not a tar", (await Assert.ThrowsAsync<BerthException>(() => ImportAsync(fixture, RandomImages.Compress(notTar, LayerCompression.Gzip)))).Message);
        var error = await Assert.ThrowsAsync<BerthException>(() => ImportAsync(fixture, new RandomImages(33).Layer().Tar,
            new ImportOptions { Changes = ["RUN rm -rf /"] }));
        Assert.Equal("run is not a valid change command", error.Message);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
