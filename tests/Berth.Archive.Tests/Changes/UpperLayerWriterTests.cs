using System.Formats.Tar;
using Berth.Archive.Changes;
using Berth.Archive.Tests.Copy;
using Berth.Linux;

namespace Berth.Archive.Tests.Changes;

public sealed class UpperLayerWriterTests
{
    private static async Task<(LayerWriteResult Result, byte[] Tar)> Write(OverlayFixture fx, DateTimeOffset? clamp = null)
    {
        var output = new MemoryStream();
        var result = await UpperLayerWriter.WriteAsync(fx.Upper, [fx.Lower], output, clamp, CancellationToken.None);
        return (result, output.ToArray());
    }

    private static OverlayFixture RichContainer()
    {
        var fx = OverlayChangesTests.ChangedContainer();
        File.WriteAllText(fx.M("newdir/linked"), "shared");
        Links.HardLink(fx.M("newdir/linked"), fx.M("newdir/sub/second-name"));
        Links.Symlink("/etc/hosts", fx.M("newdir/hosts-link"));
        File.SetUnixFileMode(fx.M("etc/keep"), (UnixFileMode)0x1C0);
        Ownership.Lchown(fx.M("etc/new"), 1000, 1001);
        ExtendedAttributes.LSet(fx.M("etc/new"), "user.tag", [0x00, 0xfe]);
        return fx;
    }

    [Fact]
    public async Task Layer_ConvertsOverlayMarkersToOciWhiteoutsAndKeepsHardlinks()
    {
        using var fx = RichContainer();
        var (result, tar) = await Write(fx);
        var entries = CopyFixture.ReadTar(tar);
        var names = entries.Select(e => e.Name).ToList();

        Assert.Contains("usr/bin/.wh.tool", names);
        Assert.Contains("var/cache/.wh..wh..opq", names);
        Assert.Equal(names.IndexOf("var/cache/") + 1, names.IndexOf("var/cache/.wh..wh..opq"));
        Assert.DoesNotContain(names, n => n.StartsWith("./", StringComparison.Ordinal) || n.StartsWith('/'));
        var second = entries.Single(e => e.Name == "newdir/sub/second-name");
        Assert.Equal((TarEntryType.HardLink, "newdir/linked"), (second.EntryType, second.LinkName));
        Assert.DoesNotContain(entries, e => e is PaxTarEntry pax && pax.ExtendedAttributes.Keys.Any(k => k.Contains("trusted.overlay", StringComparison.Ordinal)));
        Assert.Equal(tar.Length, result.Size);
        Assert.Equal(Berth.Oci.Digest.Compute(tar), result.DiffId);
    }

    [Fact]
    public async Task Layer_FileLargerThanOneReadBuffer_IsWrittenWholeAndPadded()
    {
        using var fx = OverlayChangesTests.ChangedContainer();
        var content = new byte[(2 << 20) + 12345];
        new Random(7).NextBytes(content);
        File.WriteAllBytes(fx.M("big.bin"), content);

        var (result, tar) = await Write(fx);

        var entry = CopyFixture.ReadTar(tar).Single(e => e.Name == "big.bin");
        Assert.Equal(content.Length, entry.Length);
        var read = new MemoryStream();
        entry.DataStream!.CopyTo(read);
        Assert.Equal(content, read.ToArray());
        Assert.Equal(0, tar.Length % 512);
        Assert.Equal(Berth.Oci.Digest.Compute(tar), result.DiffId);
    }

    [Fact]
    public async Task Layer_AppliedOverTheLowerGivesTheMergedView()
    {
        using var fx = RichContainer();
        var (_, tar) = await Write(fx);
        var expected = OverlayFixture.Describe(fx.Merged);

        var applied = fx.Sub("applied");
        await LayerApplier.ApplyAsync(new MemoryStream(tar), applied, LayerApplyOptions.Default, CancellationToken.None);
        var view = fx.MountReadOnly("view", applied, fx.Lower);

        Assert.Equal(expected, OverlayFixture.Describe(view));
        Assert.False(File.Exists(Path.Combine(view, "var/cache/a")));
        Assert.Equal(FileStatus.Lstat(Path.Combine(view, "newdir/linked")).Inode, FileStatus.Lstat(Path.Combine(view, "newdir/sub/second-name")).Inode);
    }

    [Fact]
    public async Task Layer_IsDeterministicAndClampsTimes()
    {
        using var fx = RichContainer();
        var (first, firstTar) = await Write(fx);
        var (second, secondTar) = await Write(fx);
        Assert.Equal(first.DiffId, second.DiffId);
        Assert.Equal(firstTar, secondTar);

        var clamp = DateTimeOffset.FromUnixTimeSeconds(1_000_000_000);
        var (clamped, clampedTar) = await Write(fx, clamp);
        Assert.NotEqual(first.DiffId, clamped.DiffId);
        Assert.All(CopyFixture.ReadTar(clampedTar), e => Assert.True(e.ModificationTime <= clamp, e.Name));
    }
}
