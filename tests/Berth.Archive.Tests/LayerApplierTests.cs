using System.Formats.Tar;
using System.Text;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Archive.Tests;

public sealed class LayerApplierTests
{
    private const UnixFileMode Setuid755 = (UnixFileMode)0x9ED; // 04755
    private const UnixFileMode Sticky777 = (UnixFileMode)0x3FF; // 01777
    private const UnixFileMode Setgid2750 = (UnixFileMode)0x5E8; // 02750

    // struct vfs_cap_data, revision 2 (linux/capability.h): magic 0x02000000, then permitted/inheritable
    // pairs. CAP_SETUID (bit 7) makes byte 0x80, which is not valid UTF-8: a text-decoding reader corrupts it.
    private static readonly byte[] CapSetuid = [0x00, 0x00, 0x00, 0x02, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static void RequireRoot() =>
        Assert.True(Environment.IsPrivilegedProcess, "needs root (chown, mknod, trusted.* xattrs): run the tests as root");

    [Fact]
    public async Task ModesAndOwners_ArePreserved_IncludingSpecialBits()
    {
        RequireRoot();
        using var tree = new TestTree();
        var layer = new TarBuilder()
            .Directory("tmp", Sticky777)
            .Directory("shared", Setgid2750, uid: 5, gid: 6)
            .File("bin/su", "elf", Setuid755, uid: 0, gid: 0)
            .File("home/u/file", "data", (UnixFileMode)0x180, uid: 1000, gid: 2000)
            .Build();

        await tree.ApplyAsync(layer);

        Assert.Equal(Sticky777, FileStatus.Lstat(tree["tmp"]).Permissions);
        var shared = FileStatus.Lstat(tree["shared"]);
        Assert.Equal((Setgid2750, 5u, 6u), (shared.Permissions, shared.Uid, shared.Gid));
        Assert.Equal(Setuid755, FileStatus.Lstat(tree["bin/su"]).Permissions);
        var file = FileStatus.Lstat(tree["home/u/file"]);
        Assert.Equal(((UnixFileMode)0x180, 1000u, 2000u), (file.Permissions, file.Uid, file.Gid));
        Assert.Equal("data", File.ReadAllText(tree["home/u/file"]));
        // Parents the layer never named are made like tar makes them.
        Assert.Equal(UnixFileType.Directory, FileStatus.Lstat(tree["home/u"]).Type);
    }

    [Fact]
    public async Task Xattrs_AreAppliedByteForByte_AfterChownAndChmod()
    {
        RequireRoot();
        using var tree = new TestTree();
        var layer = new TarBuilder()
            .Raw('0', "usr/bin/newuidmap", "elf"u8.ToArray(), Setuid755,
                ("uid", "1000"u8.ToArray()),
                ("SCHILY.xattr.security.capability", CapSetuid),
                ("SCHILY.xattr.user.note", "h\u00e9llo"u8.ToArray()),
                ("SCHILY.xattr.trusted.marker", [0xff, 0x00, 0xfe]))
            .Raw('5', "etc", [], (UnixFileMode)0x1ED, ("SCHILY.xattr.user.dir", "yes"u8.ToArray()))
            .Build();

        await tree.ApplyAsync(layer);

        var path = tree["usr/bin/newuidmap"];
        Assert.Equal(CapSetuid, ExtendedAttributes.LGet(path, "security.capability"));
        Assert.Equal("h\u00e9llo"u8.ToArray(), ExtendedAttributes.LGet(path, "user.note"));
        Assert.Equal(new byte[] { 0xff, 0x00, 0xfe }, ExtendedAttributes.LGet(path, "trusted.marker"));
        Assert.Equal("yes"u8.ToArray(), ExtendedAttributes.LGet(tree["etc"], "user.dir"));
        var status = FileStatus.Lstat(path);
        Assert.Equal((Setuid755, 1000u), (status.Permissions, status.Uid));
    }

    [Fact]
    public async Task Times_KeepNanoseconds_AndDirectoriesKeepTheirsAfterChildrenAreWritten()
    {
        using var tree = new TestTree();
        var layer = new TarBuilder()
            .Raw('5', "d", [], (UnixFileMode)0x1ED, ("mtime", "1500000000.987654321"u8.ToArray()))
            .Raw('0', "d/f", "x"u8.ToArray(), (UnixFileMode)0x1A4,
                ("mtime", "1700000000.123456789"u8.ToArray()), ("atime", "1700000001.5"u8.ToArray()))
            .Raw('2', "d/link", [], (UnixFileMode)0x1FF, ("linkpath", "f"u8.ToArray()), ("mtime", "1400000000.000000001"u8.ToArray()))
            .File("d/late", "written after the directory entry")
            .Build();

        await tree.ApplyAsync(layer);

        var file = FileStatus.Lstat(tree["d/f"]);
        Assert.Equal(new Timespec(1_700_000_000, 123_456_789), file.ModificationTime);
        Assert.Equal(new Timespec(1_700_000_001, 500_000_000), file.AccessTime);
        Assert.Equal(new Timespec(1_500_000_000, 987_654_321), FileStatus.Lstat(tree["d"]).ModificationTime);
        Assert.Equal(new Timespec(1_400_000_000, 1), FileStatus.Lstat(tree["d/link"]).ModificationTime);
        Assert.Equal(new Timespec(1_600_000_000, 0), FileStatus.Lstat(tree["d/late"]).ModificationTime);
    }

    [Fact]
    public async Task Links_Devices_Fifos_AndEmptyDirectories_AreCreated()
    {
        RequireRoot();
        using var tree = new TestTree();
        var layer = new TarBuilder()
            .Directory("empty")
            .File("bin/busybox", "multi-call")
            .HardLink("bin/sh", "bin/busybox")
            .HardLink("/bin/ls", "/bin/busybox")
            .Symlink("usr/bin/env", "../../bin/busybox")
            .Device("dev/null", TarEntryType.CharacterDevice, 1, 3, (UnixFileMode)0x1B6)
            .Device("dev/loop0", TarEntryType.BlockDevice, 7, 0, (UnixFileMode)0x1B0)
            .Device("run/fifo", TarEntryType.Fifo, 0, 0, (UnixFileMode)0x180)
            .Build();

        var result = await tree.ApplyAsync(layer);

        Assert.Empty(Directory.EnumerateFileSystemEntries(tree["empty"]));
        var busybox = FileStatus.Lstat(tree["bin/busybox"]);
        Assert.Equal(3u, busybox.LinkCount);
        Assert.Equal(busybox.Inode, FileStatus.Lstat(tree["bin/sh"]).Inode);
        Assert.Equal(busybox.Inode, FileStatus.Lstat(tree["bin/ls"]).Inode);
        Assert.Equal("../../bin/busybox", Links.ReadLink(tree["usr/bin/env"]));
        var nullDevice = FileStatus.Lstat(tree["dev/null"]);
        Assert.Equal((UnixFileType.CharacterDevice, 1u, 3u, (UnixFileMode)0x1B6), (nullDevice.Type, nullDevice.RdevMajor, nullDevice.RdevMinor, nullDevice.Permissions));
        var loop = FileStatus.Lstat(tree["dev/loop0"]);
        Assert.Equal((UnixFileType.BlockDevice, 7u, 0u), (loop.Type, loop.RdevMajor, loop.RdevMinor));
        Assert.Equal(UnixFileType.Fifo, FileStatus.Lstat(tree["run/fifo"]).Type);
        Assert.Equal(8, result.EntryCount);
        Assert.Empty(result.SkippedEntries);
        // docker's layer size: file bytes once per inode (hardlinks free) plus symlink target lengths.
        Assert.Equal("multi-call".Length + "../../bin/busybox".Length, result.ContentBytes);
    }

    [Fact]
    public async Task Unprivileged_SkipsOrRefusesDeviceNodes_ButMakesFifos()
    {
        var layer = new TarBuilder()
            .Device("dev/null", TarEntryType.CharacterDevice, 1, 3)
            .Device("fifo", TarEntryType.Fifo, 0, 0)
            .Build();
        using var tree = new TestTree();

        var result = await tree.ApplyAsync(layer, new LayerApplyOptions { Privileged = false });
        Assert.Equal(new[] { "dev/null" }, result.SkippedEntries);
        Assert.False(File.Exists(tree["dev/null"]));
        Assert.Equal(UnixFileType.Fifo, FileStatus.Lstat(tree["fifo"]).Type);

        var failing = new LayerApplyOptions { Privileged = false, UnprivilegedDevices = DeviceNodePolicy.Fail };
        var error = await Assert.ThrowsAsync<BerthException>(() => tree.ApplyAsync(layer, failing, tree.NewDirectory("second")));
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Contains("'dev/null'", error.Message);
    }

    [Fact]
    public async Task Whiteouts_BecomeOverlayWhiteouts_AndAufsMetadataIsIgnored()
    {
        RequireRoot();
        using var tree = new TestTree();
        var layer = new TarBuilder()
            .File("etc/.wh.hosts", "")
            .Directory("var/cache")
            .File("var/cache/.wh..wh..opq", "")
            .File(".wh..wh.plnk", "")
            .File("gone", "replaced by the whiteout below")
            .File(".wh.gone", "")
            .Build();

        await tree.ApplyAsync(layer);

        foreach (var whiteout in new[] { "etc/hosts", "gone" })
        {
            var status = FileStatus.Lstat(tree[whiteout]);
            Assert.Equal((UnixFileType.CharacterDevice, 0u, 0u), (status.Type, status.RdevMajor, status.RdevMinor));
        }
        Assert.Equal("y"u8.ToArray(), ExtendedAttributes.LGet(tree["var/cache"], "trusted.overlay.opaque"));
        Assert.Equal(new[] { "etc", "gone", "var" }, Directory.EnumerateFileSystemEntries(tree.Target).Select(p => Path.GetFileName(p)!).Order().ToArray());
        Assert.Empty(Directory.EnumerateFileSystemEntries(tree["var/cache"]));
    }

    [Fact]
    public async Task LaterEntries_ReplaceEarlierOnes_OfAnyType()
    {
        using var tree = new TestTree();
        var layer = new TarBuilder()
            .File("a", "file first")
            .Directory("a")
            .File("a/child", "x")
            .Directory("b")
            .File("b/child", "x")
            .File("b", "file replaces directory")
            .Symlink("c", "/nowhere")
            .File("c", "file replaces dangling symlink")
            .Build();

        await tree.ApplyAsync(layer);

        Assert.Equal("x", File.ReadAllText(tree["a/child"]));
        Assert.Equal("file replaces directory", File.ReadAllText(tree["b"]));
        Assert.Equal("file replaces dangling symlink", File.ReadAllText(tree["c"]));
    }

    [Fact]
    public async Task LongNames_GnuAndPax_AreRead()
    {
        using var tree = new TestTree();
        var longDir = string.Join('/', Enumerable.Repeat("directory-name-of-some-length", 8));
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, leaveOpen: true))
        {
            writer.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, longDir + "/gnu") { DataStream = new MemoryStream("g"u8.ToArray()) });
            writer.WriteEntry(new GnuTarEntry(TarEntryType.SymbolicLink, "gnu-link") { LinkName = "/" + longDir + "/gnu" });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, longDir + "/pax") { DataStream = new MemoryStream("p"u8.ToArray()) });
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, longDir[..150] + "/ustar") { DataStream = new MemoryStream("u"u8.ToArray()) });
        }

        await tree.ApplyAsync(stream.ToArray());

        Assert.Equal("g", File.ReadAllText(tree[longDir + "/gnu"]));
        Assert.Equal("/" + longDir + "/gnu", Links.ReadLink(tree["gnu-link"]));
        Assert.Equal("p", File.ReadAllText(tree[longDir + "/pax"]));
        Assert.Equal("u", File.ReadAllText(tree[longDir[..150] + "/ustar"]));
        Assert.True(Encoding.UTF8.GetByteCount(longDir) > 200);
    }

    [Theory]
    [InlineData(LayerSyncMode.FileSystem)]
    [InlineData(LayerSyncMode.EachFile)]
    public async Task SyncModes_ProduceTheSameTree(LayerSyncMode sync)
    {
        using var tree = new TestTree();
        var layer = new TarBuilder().Directory("d", (UnixFileMode)0x1C0).File("d/f", "synced").Build();

        await tree.ApplyAsync(layer, new LayerApplyOptions { Sync = sync });

        Assert.Equal("synced", File.ReadAllText(tree["d/f"]));
        Assert.Equal((UnixFileMode)0x1C0, FileStatus.Lstat(tree["d"]).Permissions);
    }
}
