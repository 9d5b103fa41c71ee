using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Oci.Json;

namespace Berth.Oci.Tests;

public sealed class OciJsonTests
{
    private static readonly Digest ConfigDigest = Digest.Compute("config"u8);
    private static readonly Digest LayerDigest = Digest.Compute("layer"u8);

    private static Descriptor Layer => new() { MediaType = MediaTypes.OciLayerGzip, Digest = LayerDigest, Size = 5 };

    [Fact]
    public void ImageManifest_RoundTrips_AndOmitsNulls()
    {
        var manifest = new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = ConfigDigest, Size = 6 },
            Layers = [Layer],
            Annotations = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "x" },
        };
        var json = JsonSerializer.Serialize(manifest, OciJsonContext.Default.ImageManifest);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("subject", json, StringComparison.Ordinal);
        Assert.DoesNotContain("artifactType", json, StringComparison.Ordinal);
        Assert.DoesNotContain("urls", json, StringComparison.Ordinal);
        var node = JsonNode.Parse(json)!;
        Assert.Equal(2, (int)node["schemaVersion"]!);
        Assert.Equal(ConfigDigest.ToString(), (string?)node["config"]!["digest"]);
        Assert.Equal(LayerDigest.ToString(), (string?)node["layers"]![0]!["digest"]);

        var back = JsonSerializer.Deserialize(json, OciJsonContext.Default.ImageManifest)!;
        Assert.Equal(manifest.Config, back.Config);
        Assert.Equal(manifest.Layers, back.Layers);
        Assert.Equal("x", back.Annotations!["org.opencontainers.image.title"]);
        Assert.Equal(json, JsonSerializer.Serialize(back, OciJsonContext.Default.ImageManifest));
    }

    [Fact]
    public void ImageIndex_RoundTrips_WithPlatform()
    {
        var index = new ImageIndex
        {
            MediaType = MediaTypes.OciIndex,
            Manifests =
            [
                new Descriptor
                {
                    MediaType = MediaTypes.OciManifest, Digest = ConfigDigest, Size = 10,
                    Platform = new Platform { Architecture = "arm64", Os = "linux", Variant = "v8" },
                },
            ],
        };
        var json = JsonSerializer.Serialize(index, OciJsonContext.Default.ImageIndex);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("os.version", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize(json, OciJsonContext.Default.ImageIndex)!;
        Assert.Equal("linux/arm64/v8", back.Manifests[0].Platform!.ToString());
        Assert.Equal(json, JsonSerializer.Serialize(back, OciJsonContext.Default.ImageIndex));
    }

    [Fact]
    public void ImageConfig_RoundTrips_WithSpecNames()
    {
        var config = new ImageConfig
        {
            Created = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Architecture = "amd64",
            Os = "linux",
            Config = new ContainerConfig { Env = ["PATH=/bin"], Cmd = ["sh"], Labels = new Dictionary<string, string> { ["a"] = "b" } },
            RootFs = new RootFs { DiffIds = [LayerDigest] },
            History = [new HistoryEntry { CreatedBy = "import", EmptyLayer = null }],
        };
        var json = JsonSerializer.Serialize(config, OciJsonContext.Default.ImageConfig);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        var node = JsonNode.Parse(json)!;
        Assert.Equal("layers", (string?)node["rootfs"]!["type"]);
        Assert.Equal(LayerDigest.ToString(), (string?)node["rootfs"]!["diff_ids"]![0]);
        Assert.Equal("sh", (string?)node["config"]!["Cmd"]![0]);
        Assert.Equal("import", (string?)node["history"]![0]!["created_by"]);
        Assert.Null(node["history"]![0]!["empty_layer"]);

        var back = JsonSerializer.Deserialize(json, OciJsonContext.Default.ImageConfig)!;
        Assert.Equal(config.Created, back.Created);
        Assert.Equal(config.RootFs.DiffIds, back.RootFs.DiffIds);
        Assert.Equal(json, JsonSerializer.Serialize(back, OciJsonContext.Default.ImageConfig));
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("")]
    public void Descriptor_BadDigest_IsRejected(string digest)
    {
        var json = $$"""{"mediaType":"{{MediaTypes.OciLayer}}","digest":"{{digest}}","size":1}""";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, OciJsonContext.Default.Descriptor));
    }

    [Fact]
    public void Descriptor_NonStringDigest_IsRejected()
    {
        const string json = """{"mediaType":"x","digest":42,"size":1}""";
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize(json, OciJsonContext.Default.Descriptor));
    }

    [Fact]
    public void RootFs_BadDiffId_IsRejected()
    {
        const string json = """{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:nothex"]}}""";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, OciJsonContext.Default.ImageConfig));
    }

    [Fact]
    public void Manifest_MissingRequiredConfig_IsRejected()
    {
        const string json = """{"schemaVersion":2,"layers":[]}""";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, OciJsonContext.Default.ImageManifest));
    }
}
