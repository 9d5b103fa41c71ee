using System.Security.Cryptography;
using Berth.Oci;

namespace Berth.Archive.Tests;

/// <summary>The pipelined apply (input, decompression and unpacking as overlapped stages) against the sequential one.</summary>
public sealed class PipelinedApplyTests
{
    private static byte[] Layer()
    {
        var random = new Random(7);
        var big = new byte[5 << 20];
        random.NextBytes(big);
        var builder = new TarBuilder().Directory("data").File("data/big", big);
        for (var i = 0; i < 200; i++) builder.File($"small/{i % 7}/f{i}", new string((char)('a' + i % 26), i * 37));
        var plain = builder.Symlink("data/link", "big").HardLink("data/hard", "data/big").Build();
        var output = new MemoryStream();
        using (var gzip = Compression.OpenCompressing(output, LayerCompression.Gzip, leaveOpen: true)) gzip.Write(plain);
        return output.ToArray();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task ApplyAsync_AnyPipeliningOrWriteback_GivesTheSameDiffIdAndFiles(bool pipelined, bool writeback)
    {
        var layer = Layer();
        var plain = new MemoryStream();
        using (var source = (await Compression.OpenDecompressedAsync(new MemoryStream(layer), leaveOpen: false, CancellationToken.None)).Content)
            await source.CopyToAsync(plain);
        using var tree = new TestTree();

        var result = await tree.ApplyAsync(layer, new LayerApplyOptions { Pipelined = pipelined, StartWriteback = writeback });

        Assert.Equal(Digest.FromSha256Hash(SHA256.HashData(plain.ToArray())), result.DiffId);
        Assert.Equal(plain.Length, result.UncompressedSize);
        Assert.Equal(LayerCompression.Gzip, result.Compression);
        var big = await File.ReadAllBytesAsync(tree["data/big"]);
        Assert.Equal(5 << 20, big.Length);
        Assert.Equal(big, await File.ReadAllBytesAsync(tree["data/hard"]));
        Assert.Equal("big", new FileInfo(tree["data/link"]).LinkTarget);
        Assert.Equal(new string('c', 2 * 37), await File.ReadAllTextAsync(tree["small/2/f2"]));
        Assert.Equal(200, Directory.EnumerateFiles(tree["small"], "*", SearchOption.AllDirectories).Count());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ApplyAsync_GzipCutShort_FailsTheSameWayPipelinedOrNot(bool pipelined)
    {
        var layer = Layer();
        using var tree = new TestTree();

        var error = await Assert.ThrowsAsync<BerthException>(() => tree.ApplyAsync(layer[..(layer.Length / 2)], new LayerApplyOptions { Pipelined = pipelined }));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.StartsWith("invalid gzip layer", error.Message);
    }

    [Fact]
    public async Task ApplyAsync_InputFailingAtItsEnd_FailsWithThatException()
    {
        // A download that finds a digest mismatch when its body ends throws from its last read.
        var layer = Layer();
        using var tree = new TestTree();
        var input = new ThrowAtEndStream(layer);

        var error = await Assert.ThrowsAsync<BerthException>(() =>
            LayerApplier.ApplyAsync(input, tree.Target, LayerApplyOptions.Default, CancellationToken.None));

        Assert.Equal("digest mismatch", error.Message);
    }

    private sealed class ThrowAtEndStream(byte[] data) : ForwardReadStream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position == data.Length) throw BerthException.Invalid("digest mismatch");
            var n = Math.Min(count, data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }
    }
}
