using System.Text;
using Berth.Oci;

namespace Berth.Distribution.Tests.Fixtures;

/// <summary>A seeded random image: a config and two layers (the second large), and its OCI manifest.</summary>
internal sealed record TestImage(TestBlob Config, TestBlob[] Layers, byte[] Manifest)
{
    public Digest ManifestDigest => Digest.Compute(Manifest);

    public IEnumerable<TestBlob> Blobs => Layers.Prepend(Config);

    public static TestImage Create(int seed, int smallLayer = 3000, int largeLayer = 200_000)
    {
        var random = new Random(seed);
        var config = new TestBlob(MediaTypes.OciConfig, Encoding.UTF8.GetBytes(
            $"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[]}},\"config\":{{\"Env\":[\"SEED={seed}\"]}}}}"));
        TestBlob Layer(int size)
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            return new TestBlob(MediaTypes.OciLayerGzip, bytes);
        }
        TestBlob[] layers = [Layer(smallLayer), Layer(largeLayer)];
        static string Desc(TestBlob b) => $"{{\"mediaType\":\"{b.MediaType}\",\"digest\":\"{b.Digest}\",\"size\":{b.Content.Length}}}";
        var manifest = $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciManifest}\",\"config\":{Desc(config)},\"layers\":[{string.Join(',', layers.Select(Desc))}]}}";
        return new TestImage(config, layers, Encoding.UTF8.GetBytes(manifest));
    }

    public async Task PushAsync(IRegistryClient client, Reference reference, CancellationToken ct = default)
    {
        foreach (var blob in Blobs)
            if (!await client.BlobExistsAsync(reference.NameOnly(), blob.Digest, ct))
                await client.PushBlobAsync(reference.NameOnly(), blob.Descriptor, () => new MemoryStream(blob.Content), null, ct);
        await client.PutManifestAsync(reference, MediaTypes.OciManifest, Manifest, ct);
    }
}

internal sealed record TestBlob(string MediaType, byte[] Content)
{
    public Digest Digest => Digest.Compute(Content);

    public Descriptor Descriptor => new() { MediaType = MediaType, Digest = Digest, Size = Content.Length };
}
