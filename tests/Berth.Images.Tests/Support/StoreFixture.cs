using System.Text.Json;
using Berth.Content;
using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Images.Tests.Support;

/// <summary>A content store in its own temp directory, with helpers to read back what a test stored.</summary>
internal sealed class StoreFixture : IDisposable
{
    public TempDirectory Temp { get; } = new();

    public LocalContentStore Store { get; }

    public StoreFixture() => Store = new LocalContentStore(Temp.Combine("content"));

    public byte[] Bytes(Digest digest) => File.ReadAllBytes(Store.PathOf(digest));

    public ImageManifest Manifest(ArchiveImage image) =>
        JsonSerializer.Deserialize(Bytes(image.Manifest.Digest), OciJsonContext.Default.ImageManifest)!;

    public ImageConfig Config(Digest digest) => JsonSerializer.Deserialize(Bytes(digest), OciJsonContext.Default.ImageConfig)!;

    public ImageToSave ToSave(ArchiveImage image) => new()
    {
        Manifest = Manifest(image),
        ConfigDigest = image.ConfigDigest,
        RepoTags = image.RepoTags,
        ManifestDescriptor = image.Manifest,
    };

    public Task<IReadOnlyList<ArchiveImage>> ReadDockerAsync(byte[] archive) =>
        DockerArchive.ReadAsync(new NonSeekableStream(new MemoryStream(archive)), Store, CancellationToken.None);

    public Task<IReadOnlyList<ArchiveImage>> ReadOciAsync(byte[] archive) =>
        OciArchive.ReadAsync(new NonSeekableStream(new MemoryStream(archive)), Store, CancellationToken.None);

    public async Task<byte[]> WriteDockerAsync(params ArchiveImage[] images)
    {
        var output = new MemoryStream();
        await DockerArchive.WriteAsync([.. images.Select(ToSave)], Store, output, CancellationToken.None);
        return output.ToArray();
    }

    public async Task<byte[]> WriteOciAsync(params ArchiveImage[] images)
    {
        var output = new MemoryStream();
        await OciArchive.WriteAsync([.. images.Select(ToSave)], Store, output, CancellationToken.None);
        return output.ToArray();
    }

    public void Dispose() => Temp.Dispose();
}
