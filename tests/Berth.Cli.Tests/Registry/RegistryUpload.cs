using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Registry;

/// <summary>
/// Puts blobs and manifests straight into a plain-HTTP registry (monolithic uploads), for what berth itself must
/// not be the author of: a second platform, an index.
/// </summary>
public static class RegistryUpload
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>The image with its config's architecture replaced.</summary>
    public static BuiltImage WithArchitecture(BuiltImage image, string architecture)
    {
        var config = JsonNode.Parse(image.Config)!.AsObject();
        config["architecture"] = architecture;
        return image with { Config = Encoding.UTF8.GetBytes(config.ToJsonString()) };
    }

    public static byte[] ManifestOf(BuiltImage image)
    {
        static JsonObject Desc(string type, byte[] content) =>
            new() { ["mediaType"] = type, ["digest"] = Sha.Digest(content), ["size"] = content.Length };
        return Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciManifest,
            ["config"] = Desc(OciConfig, image.Config),
            ["layers"] = new JsonArray(image.Layers.Select(l => (JsonNode)Desc(l.OciMediaType, l.Blob)).ToArray()),
        }.ToJsonString());
    }

    /// <summary>Uploads the image's blobs and manifest as repo:tag; returns the manifest digest and size.</summary>
    public static (string Digest, int Size) PushImage(string domain, string repo, string tag, BuiltImage image)
    {
        PushBlob(domain, repo, image.Config);
        foreach (var layer in image.Layers)
            PushBlob(domain, repo, layer.Blob);
        var manifest = ManifestOf(image);
        PutManifest(domain, repo, tag, OciManifest, manifest);
        return (Sha.Digest(manifest), manifest.Length);
    }

    /// <summary>PUTs an OCI index over (digest, size, architecture) manifests as repo:tag; returns its digest.</summary>
    public static string PutIndex(string domain, string repo, string tag, params (string Digest, int Size, string Architecture)[] entries)
    {
        var index = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciIndex,
            ["manifests"] = new JsonArray(entries.Select(e => (JsonNode)new JsonObject
            {
                ["mediaType"] = OciManifest,
                ["digest"] = e.Digest,
                ["size"] = e.Size,
                ["platform"] = new JsonObject { ["architecture"] = e.Architecture, ["os"] = "linux" },
            }).ToArray()),
        }.ToJsonString());
        PutManifest(domain, repo, tag, OciIndex, index);
        return Sha.Digest(index);
    }

    public static void PushBlob(string domain, string repo, byte[] content)
    {
        using var http = new HttpClient();
        using var start = http.PostAsync($"http://{domain}/v2/{repo}/blobs/uploads/", null).GetAwaiter().GetResult();
        Assert.True((int)start.StatusCode == 202, $"upload start: {start.StatusCode}");
        var location = start.Headers.Location!;
        var url = location.IsAbsoluteUri ? location.ToString() : $"http://{domain}{location}";
        url += (url.Contains('?') ? "&" : "?") + "digest=" + Uri.EscapeDataString(Sha.Digest(content));
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = http.PutAsync(url, body).GetAwaiter().GetResult();
        Assert.True((int)put.StatusCode == 201, $"blob upload: {put.StatusCode} {put.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
    }

    public static void PutManifest(string domain, string repo, string reference, string mediaType, byte[] manifest)
    {
        using var http = new HttpClient();
        using var body = new ByteArrayContent(manifest);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var put = http.PutAsync($"http://{domain}/v2/{repo}/manifests/{reference}", body).GetAwaiter().GetResult();
        Assert.True((int)put.StatusCode == 201, $"manifest put: {put.StatusCode} {put.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
    }
}
