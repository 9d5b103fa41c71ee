using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Images.Tests.Support;

/// <summary>Writes generated images in the layouts other tools produce: classic and docker 25+ saves, OCI archives.</summary>
internal static class ArchiveFixtures
{
    /// <summary>Classic <c>docker save</c>: &lt;id&gt;/layer.tar (a symlink for a layer seen before), &lt;cfg&gt;.json.</summary>
    public static byte[] Classic(params TestImage[] images)
    {
        var tar = new TarBuilder();
        var written = new Dictionary<string, string>();
        var manifest = new JsonArray();
        var repositories = new JsonObject();
        for (var i = 0; i < images.Length; i++)
        {
            var image = images[i];
            var layers = new JsonArray();
            string? parent = null;
            foreach (var layer in image.Layers)
            {
                var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{parent}{layer.DiffId}{i}")));
                tar.Directory(id + "/").File(id + "/VERSION", "1.0").File(id + "/json", $"{{\"id\":\"{id}\"}}");
                if (written.TryGetValue(layer.BlobDigest.Encoded, out var first)) tar.Symlink(id + "/layer.tar", $"../{first}/layer.tar");
                else
                {
                    tar.File(id + "/layer.tar", layer.Blob);
                    written[layer.BlobDigest.Encoded] = id;
                }
                layers.Add($"{id}/layer.tar");
                parent = id;
            }
            tar.File(image.ConfigDigest.Encoded + ".json", image.Config);
            manifest.Add(new JsonObject { ["Config"] = image.ConfigDigest.Encoded + ".json", ["RepoTags"] = Tags(image), ["Layers"] = layers });
            foreach (var tag in image.Tags)
                repositories[tag.Split(':')[0]] = new JsonObject { [tag.Split(':')[1]] = parent };
        }
        return tar.File("manifest.json", manifest.ToJsonString()).File("repositories", repositories.ToJsonString()).Build();
    }

    /// <summary>Docker 25+ <c>docker save</c>: an OCI layout plus manifest.json with blobs/sha256 paths.</summary>
    public static byte[] Docker25(params TestImage[] images)
    {
        var (tar, index, blobs) = OciBlobs(images, tag => new JsonObject
        {
            ["io.containerd.image.name"] = "docker.io/library/" + tag,
            ["org.opencontainers.image.ref.name"] = tag.Split(':')[1],
        });
        var manifest = new JsonArray();
        foreach (var image in images)
        {
            manifest.Add(new JsonObject
            {
                ["Config"] = "blobs/sha256/" + image.ConfigDigest.Encoded,
                ["RepoTags"] = Tags(image),
                ["Layers"] = new JsonArray([.. image.Layers.Select(l => JsonValue.Create("blobs/sha256/" + l.BlobDigest.Encoded))]),
            });
        }
        return tar.File("index.json", index).File("manifest.json", manifest.ToJsonString()).File("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}").Build();
    }

    /// <summary>An OCI archive as skopeo/podman write it; <paramref name="refName"/> picks the ref.name value per tag.</summary>
    public static byte[] Oci(Func<string, JsonObject> annotations, params TestImage[] images)
    {
        var (tar, index, _) = OciBlobs(images, annotations);
        return tar.File("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}").File("index.json", index).Build();
    }

    public static byte[] OciManifest(TestImage image) => JsonSerializer.SerializeToUtf8Bytes(new ImageManifest
    {
        MediaType = MediaTypes.OciManifest,
        Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = image.ConfigDigest, Size = image.Config.Length },
        Layers = [.. image.Layers.Select(l => new Descriptor { MediaType = l.MediaType, Digest = l.BlobDigest, Size = l.Blob.Length })],
    }, OciJsonContext.Default.ImageManifest);

    private static (TarBuilder Tar, string Index, IReadOnlyDictionary<string, byte[]> Blobs) OciBlobs(TestImage[] images, Func<string, JsonObject> annotations)
    {
        var blobs = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var entries = new JsonArray();
        foreach (var image in images)
        {
            var manifest = OciManifest(image);
            blobs[Digest.Compute(manifest).Encoded] = manifest;
            blobs[image.ConfigDigest.Encoded] = image.Config;
            foreach (var layer in image.Layers) blobs[layer.BlobDigest.Encoded] = layer.Blob;
            foreach (var tag in image.Tags.DefaultIfEmpty())
            {
                var entry = new JsonObject
                {
                    ["mediaType"] = MediaTypes.OciManifest,
                    ["digest"] = Digest.Compute(manifest).ToString(),
                    ["size"] = manifest.Length,
                };
                if (tag is not null) entry["annotations"] = annotations(tag);
                entries.Add(entry);
            }
        }
        var tar = new TarBuilder().Directory("blobs/").Directory("blobs/sha256/");
        foreach (var (hex, bytes) in blobs) tar.File("blobs/sha256/" + hex, bytes);
        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex, ["manifests"] = entries };
        return (tar, index.ToJsonString(), blobs);
    }

    private static JsonArray Tags(TestImage image) => new([.. image.Tags.Select(t => JsonValue.Create(t))]);
}
