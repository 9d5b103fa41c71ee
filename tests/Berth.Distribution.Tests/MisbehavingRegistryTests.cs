using System.Net;
using System.Text;
using Berth.Distribution.Tests.Fixtures;
using Berth.Testing;
using Berth.Oci;

namespace Berth.Distribution.Tests;

/// <summary>Protocol edge cases a real registry does not produce, from a scripted server.</summary>
public sealed class MisbehavingRegistryTests
{
    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes(
        $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciManifest}\",\"config\":{{\"mediaType\":\"{MediaTypes.OciConfig}\",\"digest\":\"{Digest.Compute([])}\",\"size\":0}},\"layers\":[]}}");

    private static async Task<(BerthException Error, ScriptedServer Server)> ManifestFailureAsync(Func<HttpListenerContext, int, Task> handle, Reference? reference = null)
    {
        var server = new ScriptedServer(handle);
        using var client = new RegistryClient(new RegistryOptions { MaxAttempts = 2 });
        var error = await Assert.ThrowsAsync<BerthException>(() => client.GetManifestAsync(reference ?? Reference.Parse($"{server.Domain}/app:v1"), default));
        server.Dispose();
        return (error, server);
    }

    [Fact]
    public async Task Manifest_whose_bytes_do_not_match_the_digest_is_rejected()
    {
        var server = new ScriptedServer((c, _) => ScriptedServer.WriteAsync(c, 200, Manifest, MediaTypes.OciManifest));
        using var _ = server;
        using var client = new RegistryClient(new RegistryOptions());
        var wanted = Digest.Compute([9]);
        var error = await Assert.ThrowsAsync<BerthException>(() => client.GetManifestAsync(Reference.Parse($"{server.Domain}/app@{wanted}"), default));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("manifest verification failed for digest " + wanted, error.Message);
    }

    [Fact]
    public async Task Docker_content_digest_header_is_cross_checked()
    {
        var (error, _) = await ManifestFailureAsync((c, _) =>
        {
            c.Response.Headers["Docker-Content-Digest"] = Digest.Compute([7]).ToString();
            return ScriptedServer.WriteAsync(c, 200, Manifest, MediaTypes.OciManifest);
        });
        Assert.Contains("manifest verification failed", error.Message);
    }

    [Fact]
    public async Task Truncated_blob_body_reads_as_unexpected_eof()
    {
        var blob = new TestBlob(MediaTypes.OciLayer, new byte[100_000]);
        using var server = new ScriptedServer(async (c, _) =>
        {
            c.Response.StatusCode = 200;
            c.Response.ContentLength64 = blob.Content.Length;
            await c.Response.OutputStream.WriteAsync(blob.Content.AsMemory(0, 1000));
            await c.Response.OutputStream.FlushAsync();
            c.Response.Abort();
        });
        using var client = new RegistryClient(new RegistryOptions());
        var error = await Assert.ThrowsAsync<BerthException>(async () =>
        {
            await using var stream = await client.OpenBlobAsync(Reference.Parse($"{server.Domain}/app"), blob.Descriptor, 0, default);
            await stream.CopyToAsync(Stream.Null);
        });
        Assert.Equal("unexpected EOF", error.Message);
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_servers_delay()
    {
        using var server = new ScriptedServer((c, n) =>
        {
            if (c.Request.Url!.AbsolutePath == "/v2/") return ScriptedServer.WriteAsync(c, 200, []);
            if (n == 2)
            {
                c.Response.Headers["Retry-After"] = "1";
                return ScriptedServer.WriteAsync(c, 429, []);
            }
            return ScriptedServer.WriteAsync(c, 200, Manifest, MediaTypes.OciManifest);
        });
        using var client = new RegistryClient(new RegistryOptions());
        var started = DateTime.UtcNow;
        var manifest = await client.GetManifestAsync(Reference.Parse($"{server.Domain}/app:v1"), default);
        Assert.Equal(Manifest, manifest.Content);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task Service_unavailable_twice_then_success_is_retried()
    {
        using var server = new ScriptedServer((c, n) =>
            c.Request.Url!.AbsolutePath == "/v2/" ? ScriptedServer.WriteAsync(c, 200, [])
            : n <= 3 ? ScriptedServer.WriteAsync(c, 503, [])
            : ScriptedServer.WriteAsync(c, 200, Manifest, MediaTypes.OciManifest));
        using var client = new RegistryClient(new RegistryOptions { MaxAttempts = 3 });
        var manifest = await client.GetManifestAsync(Reference.Parse($"{server.Domain}/app:v1"), default);
        Assert.Equal(MediaTypes.OciManifest, manifest.Descriptor.MediaType);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task Server_errors_after_the_last_attempt_are_unavailable_with_the_status()
    {
        var (error, _) = await ManifestFailureAsync((c, _) =>
            c.Request.Url!.AbsolutePath == "/v2/" ? ScriptedServer.WriteAsync(c, 200, []) : ScriptedServer.WriteAsync(c, 503, []));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal("received unexpected HTTP status: 503 Service Unavailable", error.Message);
    }

    [Fact]
    public async Task Redirect_to_another_host_drops_the_authorization_header()
    {
        var blob = new TestBlob(MediaTypes.OciLayer, Encoding.UTF8.GetBytes("layer bytes"));
        using var storage = new ScriptedServer((c, _) => ScriptedServer.WriteAsync(c, 200, blob.Content), host: "localhost");
        using var registry = new ScriptedServer((c, _) =>
        {
            if (c.Request.Headers["Authorization"] is null)
            {
                c.Response.Headers["WWW-Authenticate"] = "Basic realm=\"test\"";
                return ScriptedServer.WriteAsync(c, 401, []);
            }
            if (c.Request.Url!.AbsolutePath == "/v2/") return ScriptedServer.WriteAsync(c, 200, []);
            c.Response.Headers["Location"] = $"http://{storage.Domain}/blob?sig=1";
            return ScriptedServer.WriteAsync(c, 307, []);
        });
        var credentials = new MemoryCredentialStore(registry.Domain, new Credential("bob", "pw"));
        using var client = new RegistryClient(new RegistryOptions(), credentials);
        await using var stream = await client.OpenBlobAsync(Reference.Parse($"{registry.Domain}/app"), blob.Descriptor, 0, default);
        Assert.Equal(blob.Digest, await Digest.ComputeAsync(stream, default));
        Assert.Contains(registry.Requests, r => r.Path.StartsWith("/v2/app/blobs/") && r.Authorization is not null);
        var fetched = Assert.Single(storage.Requests);
        Assert.Null(fetched.Authorization);
    }

    [Fact]
    public async Task Huge_manifest_is_refused()
    {
        var (error, _) = await ManifestFailureAsync((c, _) => ScriptedServer.WriteAsync(c, 200, new byte[5 << 20], MediaTypes.OciManifest));
        Assert.Equal("manifest too large", error.Message);
    }

    [Fact]
    public async Task Unknown_media_type_is_named()
    {
        var body = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.example.thing+json\"}");
        var (error, _) = await ManifestFailureAsync((c, _) => ScriptedServer.WriteAsync(c, 200, body, "application/vnd.example.thing+json"));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("application/vnd.example.thing+json", error.Message);
    }

    [Fact]
    public async Task Schema1_manifest_is_rejected_with_the_deprecation_notice()
    {
        var body = Encoding.UTF8.GetBytes("{\"schemaVersion\":1,\"name\":\"app\",\"tag\":\"v1\",\"fsLayers\":[]}");
        var (error, _) = await ManifestFailureAsync((c, _) => ScriptedServer.WriteAsync(c, 200, body, "application/vnd.docker.distribution.manifest.v1+prettyjws"));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.StartsWith("[DEPRECATION NOTICE] Docker Image Format v1", error.Message);
    }

    [Fact]
    public async Task Oci_manifest_served_as_plain_json_takes_its_type_from_the_document()
    {
        using var server = new ScriptedServer((c, _) => ScriptedServer.WriteAsync(c, 200, Manifest, "application/json"));
        using var client = new RegistryClient(new RegistryOptions());
        var manifest = await client.GetManifestAsync(Reference.Parse($"{server.Domain}/app:v1"), default);
        Assert.Equal(MediaTypes.OciManifest, manifest.Descriptor.MediaType);
    }
}
