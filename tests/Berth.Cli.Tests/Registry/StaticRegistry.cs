using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Cli.Tests.Support;
using Berth.Testing;

namespace Berth.Cli.Tests.Registry;

/// <summary>
/// A read-only registry the test scripts, on <see cref="ScriptedServer"/>: manifests and blobs it was given,
/// <c>Range: bytes=N-</c> on blobs, and a <see cref="BlobHook"/> through which a test serves one blob its own way
/// (wrong bytes, a cut connection, slowly). Every request is logged as <c>METHOD path [Range]</c>.
/// </summary>
public sealed class StaticRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, (string MediaType, byte[] Body)> _manifests = new();
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new();
    private readonly ScriptedServer _server;

    public StaticRegistry() => _server = new ScriptedServer(HandleAsync);

    public string Domain => _server.Domain;

    public int Port => _server.Port;

    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Serves a blob instead of the default when it returns true: (context, digest, content, range start or null).</summary>
    public Func<HttpListenerContext, string, byte[], long?, Task<bool>>? BlobHook { get; set; }

    public void AddBlob(byte[] content) => _blobs[Sha.Digest(content)] = content;

    /// <summary>Serves <paramref name="image"/> as an OCI manifest under repo:tag and repo@digest; returns the digest.</summary>
    public string AddImage(string repo, string tag, BuiltImage image)
    {
        AddBlob(image.Config);
        foreach (var layer in image.Layers)
            AddBlob(layer.Blob);
        var manifest = RegistryUpload.ManifestOf(image);
        var digest = Sha.Digest(manifest);
        _manifests[$"{repo}:{tag}"] = (RegistryUpload.OciManifest, manifest);
        _manifests[$"{repo}:{digest}"] = (RegistryUpload.OciManifest, manifest);
        return digest;
    }

    private async Task HandleAsync(HttpListenerContext context, int n)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        var rangeHeader = request.Headers["Range"];
        Log.Enqueue($"{request.HttpMethod} {path}{(rangeHeader is null ? "" : " " + rangeHeader)}");
        context.Response.Headers["Docker-Distribution-Api-Version"] = "registry/2.0";
        if (path is "/v2/" or "/v2")
        {
            await ScriptedServer.WriteAsync(context, 200, "{}"u8.ToArray(), "application/json");
            return;
        }
        var manifestAt = path.LastIndexOf("/manifests/", StringComparison.Ordinal);
        if (manifestAt > 4)
        {
            var key = path[4..manifestAt] + ":" + path[(manifestAt + "/manifests/".Length)..];
            if (!_manifests.TryGetValue(key, out var m))
            {
                await Error(context, 404, "MANIFEST_UNKNOWN", "manifest unknown");
                return;
            }
            context.Response.Headers["Docker-Content-Digest"] = Sha.Digest(m.Body);
            await Body(context, 200, m.Body, m.MediaType);
            return;
        }
        var blobAt = path.LastIndexOf("/blobs/", StringComparison.Ordinal);
        if (blobAt > 4 && request.HttpMethod is "GET" or "HEAD")
        {
            var digest = path[(blobAt + "/blobs/".Length)..];
            if (!_blobs.TryGetValue(digest, out var blob))
            {
                await Error(context, 404, "BLOB_UNKNOWN", "blob unknown to registry");
                return;
            }
            long? start = rangeHeader is { } r && r.StartsWith("bytes=", StringComparison.Ordinal)
                ? long.Parse(r["bytes=".Length..].Split('-')[0])
                : null;
            if (request.HttpMethod == "GET" && BlobHook is { } hook && await hook(context, digest, blob, start))
                return;
            context.Response.Headers["Docker-Content-Digest"] = digest;
            context.Response.Headers["Accept-Ranges"] = "bytes";
            if (start is { } s && s < blob.Length)
            {
                context.Response.Headers["Content-Range"] = $"bytes {s}-{blob.Length - 1}/{blob.Length}";
                await Body(context, 206, blob[(int)s..], "application/octet-stream");
            }
            else
                await Body(context, 200, blob, "application/octet-stream");
            return;
        }
        await Error(context, 405, "UNSUPPORTED", "the operation is unsupported");
    }

    private static async Task Body(HttpListenerContext context, int status, byte[] body, string type)
    {
        if (context.Request.HttpMethod == "HEAD")
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            context.Response.ContentLength64 = body.Length;
            return;
        }
        await ScriptedServer.WriteAsync(context, status, body, type);
    }

    private static Task Error(HttpListenerContext context, int status, string code, string message) =>
        Body(context, status, Encoding.UTF8.GetBytes(new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }),
        }.ToJsonString()), "application/json");

    public void Dispose() => _server.Dispose();
}
