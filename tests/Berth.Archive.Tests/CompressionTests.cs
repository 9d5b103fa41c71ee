using System.Security.Cryptography;
using Berth.Oci;

namespace Berth.Archive.Tests;

public sealed class CompressionTests
{
    private static byte[] PlainLayer() => new TarBuilder()
        .Directory("app")
        .File("app/data.bin", RandomNumberGenerator.GetBytes(300_000))
        .File("app/readme", "hello")
        .Build();

    private static byte[] Compress(byte[] plain, LayerCompression compression)
    {
        var output = new MemoryStream();
        using (var stream = Compression.OpenCompressing(output, compression, leaveOpen: true)) stream.Write(plain);
        return output.ToArray();
    }

    [Theory]
    [InlineData(LayerCompression.None)]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task DiffId_IsSha256OfTheWholePlainTar_WhateverTheCompression(LayerCompression compression)
    {
        var plain = PlainLayer();
        var input = compression == LayerCompression.None ? plain : Compress(plain, compression);
        using var tree = new TestTree();

        var result = await tree.ApplyAsync(input);

        Assert.Equal(Digest.Compute(plain), result.DiffId);
        Assert.Equal(plain.Length, result.UncompressedSize);
        Assert.Equal(compression, result.Compression);
        Assert.Equal("hello", File.ReadAllText(tree["app/readme"]));
    }

    [Fact]
    public async Task DiffId_CoversBytesAfterTheEndOfArchiveBlocks()
    {
        // GNU tar pads archives to 10 KiB records; the padding is part of what Docker hashes.
        byte[] padded = [.. PlainLayer(), .. new byte[9 * 512], .. "trailer"u8];
        using var tree = new TestTree();

        var result = await tree.ApplyAsync(Compress(padded, LayerCompression.Gzip));

        Assert.Equal(Digest.Compute(padded), result.DiffId);
        Assert.Equal(padded.Length, result.UncompressedSize);
    }

    [Fact]
    public void Detect_UsesMagicBytes()
    {
        Assert.Equal(LayerCompression.Gzip, Compression.Detect([0x1f, 0x8b, 8, 0]));
        Assert.Equal(LayerCompression.Zstd, Compression.Detect([0x28, 0xb5, 0x2f, 0xfd]));
        Assert.Equal(LayerCompression.None, Compression.Detect("app/"u8));
        Assert.Equal(LayerCompression.None, Compression.Detect([0x1f]));
    }

    [Theory]
    [InlineData(LayerCompression.Gzip, 0.5)]
    [InlineData(LayerCompression.Gzip, 0.999)]
    [InlineData(LayerCompression.Zstd, 0.5)]
    [InlineData(LayerCompression.Zstd, 0.999)]
    [InlineData(LayerCompression.None, 0.5)]
    public async Task TruncatedInput_FailsWithOneLineMessage(LayerCompression compression, double keep)
    {
        var plain = PlainLayer();
        var full = compression == LayerCompression.None ? plain : Compress(plain, compression);
        var cut = full[..(int)(full.Length * keep)];
        if (compression == LayerCompression.Gzip && keep > 0.99) cut = full[..^4]; // only the gzip trailer's ISIZE is missing
        using var tree = new TestTree();

        var error = await Assert.ThrowsAsync<BerthException>(() => tree.ApplyAsync(cut));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.StartsWith("invalid ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Garbage_FailsAsNotATar()
    {
        using var tree = new TestTree();
        var garbage = new byte[4096];
        new Random(42).NextBytes(garbage);
        var error = await Assert.ThrowsAsync<BerthException>(() => tree.ApplyAsync(garbage));
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public async Task CorruptGzipData_Fails()
    {
        var gz = Compress(PlainLayer(), LayerCompression.Gzip);
        gz[gz.Length / 2] ^= 0xff;
        using var tree = new TestTree();
        var error = await Assert.ThrowsAsync<BerthException>(() => tree.ApplyAsync(gz));
        Assert.Contains("gzip", error.Message);
    }

    [Fact]
    public async Task OpenDecompressed_GzipReadToTheEnd_VerifiesTheTrailer()
    {
        var gz = Compress("abc"u8.ToArray(), LayerCompression.Gzip);
        var (content, compression) = await Compression.OpenDecompressedAsync(new NonSeekableStream(gz), leaveOpen: false, CancellationToken.None);
        using (var reader = new StreamReader(content)) Assert.Equal("abc", await reader.ReadToEndAsync());
        Assert.Equal(LayerCompression.Gzip, compression);

        gz[^1] ^= 1; // ISIZE off by one
        var (corrupt, _) = await Compression.OpenDecompressedAsync(new MemoryStream(gz), leaveOpen: false, CancellationToken.None);
        using var corruptReader = new StreamReader(corrupt);
        await Assert.ThrowsAsync<InvalidDataException>(() => corruptReader.ReadToEndAsync());
    }
}
