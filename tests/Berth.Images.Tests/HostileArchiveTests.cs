using System.Text;
using Berth.Images.Tests.Support;
using Berth.Oci;

namespace Berth.Images.Tests;

public sealed class HostileArchiveTests
{
    private static async Task<BerthException> ReadFailsAsync(byte[] archive)
    {
        using var fixture = new StoreFixture();
        var error = await Assert.ThrowsAsync<BerthException>(() => fixture.ReadDockerAsync(archive));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith("invalid archive: ", error.Message);
        return error;
    }

    private static byte[] WithManifest(TestImage image, string config, params string[] layers)
    {
        var tar = new TarBuilder().File(image.ConfigDigest.Encoded + ".json", image.Config);
        foreach (var layer in image.Layers) tar.File($"{layer.DiffId.Encoded}/layer.tar", layer.Blob);
        var list = string.Join(',', layers.Select(l => $"\"{l}\""));
        return tar.File("manifest.json", $"[{{\"Config\":\"{config}\",\"RepoTags\":[\"x:latest\"],\"Layers\":[{list}]}}]").Build();
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b.json")]
    public async Task Path_traversal_in_manifest_json_is_rejected(string path)
    {
        var image = new RandomImages(20).Image(1);
        var error = await ReadFailsAsync(WithManifest(image, path, $"{image.Layers[0].DiffId.Encoded}/layer.tar"));
        Assert.Equal($"invalid archive: manifest.json references unsafe path \"{path}\"", error.Message);
    }

    [Fact]
    public async Task Traversal_in_a_layer_path_is_rejected()
    {
        var image = new RandomImages(21).Image(1);
        var error = await ReadFailsAsync(WithManifest(image, image.ConfigDigest.Encoded + ".json", "../layer.tar"));
        Assert.Contains("unsafe path \"../layer.tar\"", error.Message);
    }

    [Fact]
    public async Task Missing_layer_file_is_named()
    {
        var image = new RandomImages(22).Image(1);
        var error = await ReadFailsAsync(WithManifest(image, image.ConfigDigest.Encoded + ".json", "abc/layer.tar"));
        Assert.Equal("invalid archive: manifest.json references missing file \"abc/layer.tar\"", error.Message);
    }

    [Fact]
    public async Task Layer_count_must_match_diff_ids()
    {
        var image = new RandomImages(23).Image(2);
        var error = await ReadFailsAsync(WithManifest(image, image.ConfigDigest.Encoded + ".json", $"{image.Layers[0].DiffId.Encoded}/layer.tar"));
        Assert.Contains("lists 2 diff_ids but manifest.json lists 1 layers", error.Message);
    }

    [Fact]
    public async Task Layer_with_wrong_diff_id_is_rejected()
    {
        var random = new RandomImages(24);
        var layer = random.Layer(LayerCompression.Gzip);
        var image = random.WithLayers([layer], ["x:latest"], [Digest.Compute("other"u8)]);
        var error = await ReadFailsAsync(ArchiveFixtures.Classic(image));
        Assert.Contains("but the config lists", error.Message);
    }

    [Fact]
    public async Task Layer_that_is_not_a_tar_is_rejected()
    {
        var random = new RandomImages(25);
        var garbage = Encoding.UTF8.GetBytes(new string('x', 2000));
        var layer = new TestLayer(garbage, Digest.Compute(garbage), LayerCompression.None, garbage, []);
        var error = await ReadFailsAsync(ArchiveFixtures.Classic(random.WithLayers([layer], ["x:latest"])));
        Assert.Contains("is not a tar, gzip or zstd stream", error.Message);
    }

    [Fact]
    public async Task Config_that_is_not_json_is_rejected()
    {
        var image = new RandomImages(26).Image(1);
        var archive = new TarBuilder().File("cfg.json", "{not json").File("manifest.json", "[{\"Config\":\"cfg.json\",\"Layers\":[]}]").Build();
        var error = await ReadFailsAsync(archive);
        Assert.StartsWith("invalid archive: config \"cfg.json\"", error.Message);
    }

    [Fact]
    public async Task Truncated_archive_is_reported()
    {
        var archive = ArchiveFixtures.Classic(new RandomImages(27).Image(2));
        var error = await ReadFailsAsync(archive[..(archive.Length / 2)]);
        Assert.Contains("unexpected end of archive", error.Message);
    }

    [Fact]
    public async Task Garbage_input_is_not_a_tar()
    {
        var garbage = new byte[4096];
        new Random(28).NextBytes(garbage);
        Assert.Equal("invalid archive: not a tar file", (await ReadFailsAsync(garbage)).Message);
        Assert.Equal("invalid archive: empty input", (await ReadFailsAsync([])).Message);
    }

    [Fact]
    public async Task Tar_without_manifest_or_index_is_reported()
    {
        var error = await ReadFailsAsync(new TarBuilder().File("hello.txt", "hi").Build());
        Assert.Equal("invalid archive: no manifest.json or index.json found", error.Message);
    }

    [Fact]
    public async Task Blob_whose_name_is_not_its_digest_is_rejected()
    {
        var wrong = Digest.Compute("something else"u8).Encoded;
        var archive = new TarBuilder().File("blobs/sha256/" + wrong, "actual content").File("index.json", "{}").Build();
        var error = await ReadFailsAsync(archive);
        Assert.Contains($"blobs/sha256/{wrong}: digest mismatch", error.Message);
    }

    [Fact]
    public async Task Huge_manifest_json_is_refused()
    {
        var huge = new byte[17 << 20];
        huge.AsSpan().Fill((byte)' ');
        huge[0] = (byte)'[';
        huge[^1] = (byte)']';
        var error = await ReadFailsAsync(new TarBuilder().File("manifest.json", huge).Build());
        Assert.Contains("manifest.json is 17825792 bytes, more than the 16777216-byte limit", error.Message);
    }

    [Fact]
    public async Task Oci_descriptor_size_and_media_type_are_checked()
    {
        var image = new RandomImages(29).Image(1, LayerCompression.Gzip, ["x:latest"]);
        var lying = image with { Layers = [image.Layers[0] with { Compression = LayerCompression.Zstd }] };
        using var fixture = new StoreFixture();
        var error = await Assert.ThrowsAsync<BerthException>(() => fixture.ReadOciAsync(
            ArchiveFixtures.Oci(tag => new() { ["org.opencontainers.image.ref.name"] = tag }, lying)));
        Assert.Contains("is gzip but its media type", error.Message);
    }
}
