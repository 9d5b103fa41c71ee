using System.Collections.Concurrent;
using Berth.Distribution.Tests.Fixtures;
using Berth.Oci;
using Berth.Testing;

namespace Berth.Distribution.Tests;

/// <summary>
/// A chunked upload whose chunk fails midway (distribution spec, "Pushing a blob in chunks"): the client asks
/// the session where it stands (<c>GET</c>, <c>Range: 0-&lt;n&gt;</c>), resends from n, and closes with the digest.
/// </summary>
public sealed class ChunkedUploadResumeTests
{
    private const string Session = "/v2/app/blobs/uploads/session-1";

    /// <summary>
    /// An upload endpoint that keeps what it is sent, checks each PATCH starts where it stands (416 otherwise),
    /// and on the first PATCH at <paramref name="failAt"/> keeps only <paramref name="keep"/> bytes of it, then fails.
    /// </summary>
    private sealed class UploadServer : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly MemoryStream _received = new();
        private readonly RawHttpServer _server;
        private int _state;
        private bool _failed;

        public UploadServer(string failure, long failAt, int keep)
        {
            _server = new RawHttpServer((request, _) =>
            {
                lock (_gate)
                {
                    var contentRange = request.Headers.TryGetValue("Content-Range", out var r) ? r : "";
                    Log.Enqueue($"{request.Method} {request.Path} {contentRange}".TrimEnd());
                    var path = request.AbsolutePath;
                    if (path == "/v2/") return new(200, []);
                    if (request.Method == "POST" && path == "/v2/app/blobs/uploads/") return new(202, [], Headers: new Dictionary<string, string> { ["Location"] = NextLocation() });
                    if (path != Session) return new(404, []);
                    switch (request.Method)
                    {
                        case "PATCH":
                            var range = contentRange.Split('-').Select(long.Parse).ToArray();
                            if (range[0] != _received.Length || range[1] - range[0] + 1 != request.Body.Length) return new(416, []);
                            var fail = !_failed && range[0] == failAt;
                            _failed |= fail;
                            _received.Write(request.Body, 0, fail ? keep : request.Body.Length);
                            if (fail) return failure == "reset" ? null : new(500, []);
                            return new(202, [], Headers: StatusHeaders());
                        case "GET":
                            return new(204, [], Headers: StatusHeaders());
                        case "PUT":
                            _received.Write(request.Body);
                            PutDigest = request.Query["digest"];
                            return new(PutDigest == Digest.Compute(_received.ToArray()).ToString() ? 201 : 400, []);
                    }
                    return new(405, []);
                }
            });
        }

        public string Domain => _server.Domain;

        public ConcurrentQueue<string> Log { get; } = new();

        public string? PutDigest { get; private set; }

        public byte[] Received { get { lock (_gate) return _received.ToArray(); } }

        private string NextLocation() => $"{Session}?_state={++_state}";

        private Dictionary<string, string> StatusHeaders()
        {
            var headers = new Dictionary<string, string> { ["Location"] = NextLocation() };
            if (_received.Length > 0) headers["Range"] = $"0-{_received.Length - 1}";
            return headers;
        }

        public void Dispose() => _server.Dispose();
    }

    private static TestBlob Blob(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return new TestBlob(MediaTypes.OciLayer, bytes);
    }

    [Theory]
    [InlineData("500")]
    [InlineData("reset")]
    public async Task Failed_chunk_is_resumed_from_the_range_the_registry_reports(string failure)
    {
        var blob = Blob(3500);
        using var server = new UploadServer(failure, failAt: 1000, keep: 500);
        using var client = new RegistryClient(new RegistryOptions { ChunkSize = 1000 });
        var progress = new List<long>();
        await client.PushBlobAsync(Reference.Parse($"{server.Domain}/app"), blob.Descriptor, () => new MemoryStream(blob.Content), new SyncProgress(progress.Add), default);

        Assert.Equal(blob.Content, server.Received);
        Assert.Equal(blob.Digest.ToString(), server.PutDigest);
        Assert.Equal(
        [
            "GET /v2/",
            "POST /v2/app/blobs/uploads/",
            $"PATCH {Session}?_state=1 0-999",
            $"PATCH {Session}?_state=2 1000-1999",
            $"GET {Session}?_state=2",
            $"PATCH {Session}?_state=3 1500-1999",
            $"PATCH {Session}?_state=4 2000-2999",
            $"PATCH {Session}?_state=5 3000-3499",
            $"PUT {Session}?_state=6&digest={Uri.EscapeDataString(blob.Digest.ToString())}",
        ], server.Log);
        Assert.Equal([1000L, 2000, 3000, 3500], progress);
    }

    [Fact]
    public async Task Failed_chunk_the_registry_kept_whole_goes_on_with_the_next_chunk()
    {
        var blob = Blob(2500);
        using var server = new UploadServer("500", failAt: 1000, keep: 1000);
        using var client = new RegistryClient(new RegistryOptions { ChunkSize = 1000 });
        await client.PushBlobAsync(Reference.Parse($"{server.Domain}/app"), blob.Descriptor, () => new MemoryStream(blob.Content), null, default);

        Assert.Equal(blob.Content, server.Received);
        Assert.Equal(blob.Digest.ToString(), server.PutDigest);
        Assert.Equal(
        [
            $"PATCH {Session}?_state=1 0-999",
            $"PATCH {Session}?_state=2 1000-1999",
            $"GET {Session}?_state=2",
            $"PATCH {Session}?_state=3 2000-2499",
        ], server.Log.Where(l => l.StartsWith("PATCH") || l.StartsWith($"GET {Session}")));
    }

    [Fact]
    public async Task Failed_chunk_the_registry_kept_nothing_of_is_sent_again_whole()
    {
        var blob = Blob(2500);
        using var server = new UploadServer("reset", failAt: 1000, keep: 0);
        using var client = new RegistryClient(new RegistryOptions { ChunkSize = 1000 });
        await client.PushBlobAsync(Reference.Parse($"{server.Domain}/app"), blob.Descriptor, () => new MemoryStream(blob.Content), null, default);

        Assert.Equal(blob.Content, server.Received);
        Assert.Equal(blob.Digest.ToString(), server.PutDigest);
        Assert.Contains($"PATCH {Session}?_state=3 1000-1999", server.Log);
    }

    [Fact]
    public async Task Registry_that_lost_committed_bytes_fails_the_push_instead_of_uploading_a_hole()
    {
        var blob = Blob(2500);
        var patches = 0;
        using var server = new ScriptedServer(async (c, _) =>
        {
            var path = c.Request.Url!.AbsolutePath;
            await c.Request.InputStream.CopyToAsync(Stream.Null);
            if (path == "/v2/") { await ScriptedServer.WriteAsync(c, 200, []); return; }
            c.Response.Headers["Location"] = Session;
            if (c.Request.HttpMethod == "POST") { await ScriptedServer.WriteAsync(c, 202, []); return; }
            if (c.Request.HttpMethod == "PATCH" && Interlocked.Increment(ref patches) == 1) { await ScriptedServer.WriteAsync(c, 202, []); return; }
            if (c.Request.HttpMethod == "PATCH") { await ScriptedServer.WriteAsync(c, 500, []); return; }
            // The session forgot everything: Range 0-99, though 1000 bytes were acknowledged.
            c.Response.Headers["Range"] = "0-99";
            await ScriptedServer.WriteAsync(c, 204, []);
        });
        using var client = new RegistryClient(new RegistryOptions { ChunkSize = 1000 });
        var error = await Assert.ThrowsAsync<BerthException>(() =>
            client.PushBlobAsync(Reference.Parse($"{server.Domain}/app"), blob.Descriptor, () => new MemoryStream(blob.Content), null, default));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal("blob upload resumed at 100, expected 1000..2000", error.Message);
        Assert.DoesNotContain(server.Requests, r => r.Method == "PUT");
    }
}
