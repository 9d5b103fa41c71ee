using System.Formats.Tar;
using System.Net.Sockets;
using Berth.Archive.Copy;
using Berth.Linux;

namespace Berth.Archive.Tests.Copy;

public sealed class DirectoryArchiveTests
{
    [Fact]
    public async Task Export_HoldsEveryEntrySortedWithHardlinksDevicesAndFifosButNoSockets()
    {
        using var fx = new CopyFixture();
        fx.Write("b/file", "content");
        fx.Write("a.txt", "a");
        Links.HardLink(fx.InRootfs("b/file"), fx.InRootfs("b/zlink"));
        DeviceNodes.MakeNode(fx.InRootfs("null"), UnixFileType.CharacterDevice, (UnixFileMode)0x1B6, 1, 3);
        DeviceNodes.MakeNode(fx.InRootfs("fifo"), UnixFileType.Fifo, (UnixFileMode)0x1A4, 0, 0);
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            socket.Bind(new UnixDomainSocketEndPoint(fx.InRootfs("sock")));
        ExtendedAttributes.LSet(fx.InRootfs("a.txt"), "user.note", [0xff, 0x00, 0x01]);

        var output = new MemoryStream();
        await DirectoryArchive.WriteAsync(fx.Rootfs, output, CancellationToken.None);
        var entries = CopyFixture.ReadTar(output.ToArray());

        Assert.Equal(["a.txt", "b/", "b/file", "b/zlink", "etc/", "etc/passwd", "fifo", "null"], entries.Select(e => e.Name));
        Assert.Equal(("b/file", TarEntryType.HardLink), (entries[3].LinkName, entries[3].EntryType));
        Assert.Equal((TarEntryType.CharacterDevice, 1, 3), (entries[7].EntryType, ((PosixTarEntry)entries[7]).DeviceMajor, ((PosixTarEntry)entries[7]).DeviceMinor));
        Assert.Equal(TarEntryType.Fifo, entries[6].EntryType);

        // Binary xattr values survive (read back by our reader: System.Formats.Tar decodes them as UTF-8).
        var target = Path.Combine(fx.Host, "applied");
        Directory.CreateDirectory(target);
        await LayerApplier.ApplyAsync(new MemoryStream(output.ToArray()), target, LayerApplyOptions.Default, CancellationToken.None);
        Assert.Equal(new byte[] { 0xff, 0x00, 0x01 }, ExtendedAttributes.LGet(Path.Combine(target, "a.txt"), "user.note"));
        Assert.Equal(FileStatus.Lstat(Path.Combine(target, "b/file")).Inode, FileStatus.Lstat(Path.Combine(target, "b/zlink")).Inode);
    }

    [Fact]
    public async Task Export_OfAMergedOverlayView_HoldsEveryFileOfThatView()
    {
        using var fx = Changes.OverlayChangesTests.ChangedContainer();
        var output = new MemoryStream();
        await DirectoryArchive.WriteAsync(fx.Merged, output, CancellationToken.None);
        var names = CopyFixture.ReadTar(output.ToArray()).Select(e => e.Name.TrimEnd('/')).ToList();

        Assert.Equal(Changes.OverlayFixture.Describe(fx.Merged).Keys, names.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("usr/bin/tool", names);
        Assert.DoesNotContain("var/cache/a", names);
        Assert.Contains("usr/bin/other", names);
    }
}
