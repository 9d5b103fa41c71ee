using Berth.Distribution.Tests.Fixtures;
using Berth.Testing;
using Berth.Oci;

namespace Berth.Distribution.Tests;

/// <summary>Against the real CNCF registry over plain HTTP on 127.0.0.1, anonymous.</summary>
public sealed class PlainRegistryTests : IDisposable
{
    private readonly RegistryProcess? _registry = RegistryProcess.Available ? new RegistryProcess() : null;
    private readonly RegistryClient _client = new(new RegistryOptions { ChunkSize = 64 << 10 }) { TagPageSize = 2 };

    private RegistryProcess Registry => _registry ?? throw Skip();

    private static Exception Skip() => new InvalidOperationException($"SKIPPED: {RegistryProcess.Binary} is not installed (apt-get install docker-registry)");

    private Reference Ref(string name) => Reference.Parse($"{Registry.Domain}/{name}");

    [Fact]
    public async Task Pushed_image_pulls_back_by_tag_and_by_digest_with_chunked_upload_progress()
    {
        var image = TestImage.Create(1);
        var repo = Ref("app/one");
        var progress = new List<long>();
        foreach (var blob in image.Blobs)
            await _client.PushBlobAsync(repo, blob.Descriptor, () => new MemoryStream(blob.Content), new SyncProgress(progress.Add), default);
        var digest = await _client.PutManifestAsync(repo.WithTag("v1"), MediaTypes.OciManifest, image.Manifest, default);
        Assert.Equal(image.ManifestDigest, digest);
        Assert.Contains(200_000L, progress);
        Assert.Contains(64L << 10, progress);

        var byTag = await _client.GetManifestAsync(repo.WithTag("v1"), default);
        Assert.Equal(image.Manifest, byTag.Content);
        Assert.Equal(MediaTypes.OciManifest, byTag.Descriptor.MediaType);
        Assert.Equal(image.ManifestDigest, byTag.Descriptor.Digest);
        var byDigest = await _client.GetManifestAsync(repo.WithDigest(digest), default);
        Assert.Equal(image.Manifest, byDigest.Content);

        foreach (var blob in image.Blobs)
        {
            await using var stream = await _client.OpenBlobAsync(repo, blob.Descriptor, 0, default);
            Assert.Equal(blob.Digest, await Digest.ComputeAsync(stream, default));
        }
    }

    [Fact]
    public async Task Blob_exists_after_push_and_mounts_across_repositories()
    {
        var image = TestImage.Create(2);
        var source = Ref("mount/source");
        await image.PushAsync(_client, source.WithTag("latest"));
        var layer = image.Layers[0];
        var target = Ref("mount/target");
        Assert.True(await _client.BlobExistsAsync(source, layer.Digest, default));
        Assert.False(await _client.BlobExistsAsync(target, layer.Digest, default));
        Assert.True(await _client.TryMountBlobAsync(target, layer.Digest, source, default));
        Assert.True(await _client.BlobExistsAsync(target, layer.Digest, default));
        var unknown = Digest.Compute([1, 2, 3]);
        Assert.False(await _client.TryMountBlobAsync(target, unknown, source, default));
    }

    [Fact]
    public async Task Blob_opened_at_an_offset_returns_the_rest()
    {
        var image = TestImage.Create(3);
        var repo = Ref("range/app");
        await image.PushAsync(_client, repo.WithTag("latest"));
        var layer = image.Layers[1];
        await using var stream = await _client.OpenBlobAsync(repo, layer.Descriptor, 12_345, default);
        using var rest = new MemoryStream();
        await stream.CopyToAsync(rest);
        Assert.Equal(layer.Content[12_345..], rest.ToArray());
    }

    [Fact]
    public async Task Tags_are_listed_across_pages()
    {
        var image = TestImage.Create(4, 10, 10);
        var repo = Ref("tags/app");
        string[] tags = ["a", "b", "c", "d", "e"];
        await image.PushAsync(_client, repo.WithTag("a"));
        foreach (var tag in tags[1..]) await _client.PutManifestAsync(repo.WithTag(tag), MediaTypes.OciManifest, image.Manifest, default);
        Assert.Equal(tags, (await _client.ListTagsAsync(repo, default)).Order());
    }

    [Fact]
    public async Task Missing_manifest_is_not_found_in_docker_words()
    {
        var error = await Assert.ThrowsAsync<BerthException>(() => _client.GetManifestAsync(Ref("nothing/here").WithTag("v9"), default));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal($"manifest for {Registry.Domain}/nothing/here:v9 not found: manifest unknown: manifest unknown", error.Message);
    }

    [Fact]
    public async Task Registry_down_is_unavailable_in_docker_words()
    {
        using var client = new RegistryClient(new RegistryOptions { MaxAttempts = 2 });
        var port = Ports.Free();
        var error = await Assert.ThrowsAsync<BerthException>(() => client.GetManifestAsync(Reference.Parse($"127.0.0.1:{port}/x:latest"), default));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal($"Get \"http://127.0.0.1:{port}/v2/\": dial tcp 127.0.0.1:{port}: connect: connection refused", error.Message);
    }

    public void Dispose()
    {
        _client.Dispose();
        _registry?.Dispose();
    }
}

internal sealed class SyncProgress(Action<long> report) : IProgress<long>
{
    public void Report(long value) => report(value);
}
