using System.Text;
using Berth.Distribution.Tests.Fixtures;
using Berth.Oci;
using Berth.Testing;

namespace Berth.Distribution.Tests;

/// <summary>
/// Connections reset (RST) after the request was read, on fresh connections so that only
/// <see cref="RetryHandler"/> (not the connection pool's own resend on a reused connection) can retry them.
/// </summary>
public sealed class ConnectionResetTests
{
    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes(
        $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciManifest}\",\"config\":{{\"mediaType\":\"{MediaTypes.OciConfig}\",\"digest\":\"{Digest.Compute([])}\",\"size\":0}},\"layers\":[]}}");

    private static readonly TestBlob Layer = new(MediaTypes.OciLayer, Encoding.UTF8.GetBytes("some layer bytes"));

    /// <summary>Answers /v2/, the manifest, the layer (GET and HEAD); resets the requests <paramref name="reset"/> picks.</summary>
    private static RawHttpServer Registry(Func<RawHttpServer.Request, int, bool> reset) => new((request, n) =>
    {
        if (request.Path == "/v2/") return new(200, []);
        if (reset(request, n)) return null;
        if (request.Path == "/v2/app/manifests/v1") return new(200, Manifest, MediaTypes.OciManifest);
        if (request.Path == $"/v2/app/blobs/{Layer.Digest}") return new(200, Layer.Content, "application/octet-stream");
        return new(404, []);
    });

    [Fact]
    public async Task Reset_manifest_get_is_retried()
    {
        using var server = Registry((_, n) => n == 2);
        using var client = new RegistryClient(new RegistryOptions { MaxAttempts = 3 });
        var manifest = await client.GetManifestAsync(Reference.Parse($"{server.Domain}/app:v1"), default);
        Assert.Equal(Manifest, manifest.Content);
        Assert.Equal(["/v2/", "/v2/app/manifests/v1", "/v2/app/manifests/v1"], server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Reset_blob_get_is_retried()
    {
        using var server = Registry((r, n) => r.Method == "GET" && n <= 3);
        using var client = new RegistryClient(new RegistryOptions { MaxAttempts = 3 });
        await using var stream = await client.OpenBlobAsync(Reference.Parse($"{server.Domain}/app"), Layer.Descriptor, 0, default);
        Assert.Equal(Layer.Digest, await Digest.ComputeAsync(stream, default));
        Assert.Equal(3, server.Requests.Count(r => r.Path.StartsWith("/v2/app/blobs/")));
    }

    [Fact]
    public async Task Reset_blob_head_is_retried()
    {
        using var server = Registry((r, n) => r.Method == "HEAD" && n == 2);
        using var client = new RegistryClient(new RegistryOptions { MaxAttempts = 2 });
        Assert.True(await client.BlobExistsAsync(Reference.Parse($"{server.Domain}/app"), Layer.Digest, default));
        Assert.Equal(2, server.Requests.Count(r => r.Method == "HEAD"));
    }

    [Fact]
    public async Task Reset_on_every_attempt_is_unavailable_as_reset_by_peer()
    {
        using var server = Registry((_, _) => true);
        using var client = new RegistryClient(new RegistryOptions { MaxAttempts = 2 });
        var error = await Assert.ThrowsAsync<BerthException>(() => client.GetManifestAsync(Reference.Parse($"{server.Domain}/app:v1"), default));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal($"Get \"http://{server.Domain}/v2/app/manifests/v1\": read: connection reset by peer", error.Message);
        Assert.Equal(2, server.Requests.Count(r => r.Path == "/v2/app/manifests/v1"));
    }
}
