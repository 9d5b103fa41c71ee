using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Cli.Tests.Support;

public sealed partial class ImageArchiveBuilder
{
    /// <summary>Classic <c>docker save</c> layout: manifest.json, repositories, &lt;id&gt;/layer.tar, &lt;config&gt;.json.</summary>
    public static ArchiveTar DockerArchive(params (BuiltImage Image, string[] Tags)[] images)
    {
        var tar = new ArchiveTar();
        var manifest = new JsonArray();
        var repositories = new JsonObject();
        foreach (var (image, tags) in images)
        {
            var parent = "";
            var layerPaths = new JsonArray();
            foreach (var layer in image.Layers)
            {
                var id = Sha.Hex(Encoding.UTF8.GetBytes(parent + layer.DiffId));
                tar.Add($"{id}/VERSION", "1.0");
                tar.Add($"{id}/json", new JsonObject { ["id"] = id, ["parent"] = parent }.ToJsonString());
                tar.Add($"{id}/layer.tar", layer.Blob);
                layerPaths.Add($"{id}/layer.tar");
                parent = id;
            }
            var configName = image.Id["sha256:".Length..] + ".json";
            tar.Add(configName, image.Config);
            manifest.Add(new JsonObject
            {
                ["Config"] = configName,
                ["RepoTags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()),
                ["Layers"] = layerPaths,
            });
            foreach (var tag in tags)
            {
                var i = tag.LastIndexOf(':');
                var repo = (JsonObject)(repositories[tag[..i]] ??= new JsonObject());
                repo[tag[(i + 1)..]] = parent;
            }
        }
        tar.Add("manifest.json", manifest.ToJsonString());
        tar.Add("repositories", repositories.ToJsonString());
        return tar;
    }

    /// <summary>Docker 25+ <c>docker save</c>: an OCI layout plus manifest.json pointing into blobs/sha256.</summary>
    public static ArchiveTar Docker25Archive(params (BuiltImage Image, string[] Tags)[] images)
    {
        var tar = OciArchive(images);
        var manifest = new JsonArray();
        foreach (var (image, tags) in images)
        {
            manifest.Add(new JsonObject
            {
                ["Config"] = "blobs/sha256/" + image.Id["sha256:".Length..],
                ["RepoTags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()),
                ["Layers"] = new JsonArray(image.Layers.Select(l => (JsonNode)("blobs/sha256/" + l.BlobDigest[7..])).ToArray()),
            });
        }
        return tar.Add("manifest.json", manifest.ToJsonString());
    }

    /// <summary>An OCI image layout as a tar; each tag is one index entry naming the image.</summary>
    public static ArchiveTar OciArchive(params (BuiltImage Image, string[] Tags)[] images) =>
        OciArchive(images, l => l.OciMediaType);

    public static ArchiveTar OciArchive((BuiltImage Image, string[] Tags)[] images, Func<BuiltLayer, string> mediaType)
    {
        var tar = new ArchiveTar().Add("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
        var index = new JsonArray();
        foreach (var (image, tags) in images)
        {
            var manifest = new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", image.Config),
                ["layers"] = new JsonArray(image.Layers.Select(l => (JsonNode)Descriptor(mediaType(l), l.Blob)).ToArray()),
            };
            var manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
            tar.Add("blobs/sha256/" + Sha.Hex(manifestBytes), manifestBytes);
            tar.Add("blobs/sha256/" + Sha.Hex(image.Config), image.Config);
            foreach (var l in image.Layers)
                tar.Add("blobs/sha256/" + Sha.Hex(l.Blob), l.Blob);
            foreach (var tag in tags.DefaultIfEmpty(null))
            {
                var d = Descriptor("application/vnd.oci.image.manifest.v1+json", manifestBytes);
                if (tag != null)
                {
                    d["annotations"] = new JsonObject
                    {
                        ["io.containerd.image.name"] = tag.Contains('/') ? tag : "docker.io/library/" + tag,
                        ["org.opencontainers.image.ref.name"] = tag[(tag.LastIndexOf(':') + 1)..],
                    };
                }
                index.Add(d);
            }
        }
        tar.Add("index.json", new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.index.v1+json",
            ["manifests"] = index,
        }.ToJsonString());
        return tar;
    }

    private static JsonObject Descriptor(string mediaType, byte[] data) => new()
    {
        ["mediaType"] = mediaType,
        ["digest"] = Sha.Digest(data),
        ["size"] = data.Length,
    };
}
