using System.Formats.Tar;
using Berth.Archive.Copy;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Archive.Tests.Copy;

public sealed class ContainerCopyOutTests
{
    private static async Task<(PathStat Stat, List<TarEntry> Entries)> CopyOut(CopyFixture fx, string path, bool follow = false)
    {
        var output = new MemoryStream();
        var stat = await ContainerCopy.CopyOutAsync(fx.Rootfs, path, output, follow, CancellationToken.None);
        return (stat, CopyFixture.ReadTar(output.ToArray()));
    }

    [Fact]
    public async Task CopyOut_File_IsOneEntryNamedByItsBasenameWithItsMetadata()
    {
        using var fx = new CopyFixture();
        fx.Write("app/conf.txt", "hello");
        File.SetUnixFileMode(fx.InRootfs("app/conf.txt"), (UnixFileMode)0x1E4 /* 0744 */);
        Ownership.Lchown(fx.InRootfs("app/conf.txt"), 1234, 5678);
        FileTimes.LSet(fx.InRootfs("app/conf.txt"), new Timespec(1_500_000_000, 0), new Timespec(1_500_000_000, 0));

        var (stat, entries) = await CopyOut(fx, "/app/conf.txt");

        var entry = Assert.Single(entries);
        Assert.Equal("conf.txt", entry.Name);
        Assert.Equal(TarEntryType.RegularFile, entry.EntryType);
        Assert.Equal("hello", CopyFixture.Content(entry));
        Assert.Equal((UnixFileMode)0x1E4, entry.Mode);
        Assert.Equal((1234, 5678), (entry.Uid, entry.Gid));
        Assert.Equal(1_500_000_000, entry.ModificationTime.ToUnixTimeSeconds());
        Assert.Equal("conf.txt", stat.Name);
        Assert.Equal(5, stat.Size);
        Assert.Equal(0x1E4u, stat.Mode);
    }

    [Fact]
    public async Task CopyOut_Directory_NamesEntriesUnderItsBasenameAndKeepsHardlinks()
    {
        using var fx = new CopyFixture();
        fx.Write("data/a.txt", "a");
        fx.Write("data/sub/b.txt", "b");
        Links.HardLink(fx.InRootfs("data/a.txt"), fx.InRootfs("data/sub/a-link"));
        Links.Symlink("../a.txt", fx.InRootfs("data/sub/rel"));

        var (stat, entries) = await CopyOut(fx, "data");

        Assert.Equal(["data/", "data/a.txt", "data/sub/", "data/sub/a-link", "data/sub/b.txt", "data/sub/rel"], entries.Select(e => e.Name));
        var link = entries.Single(e => e.Name == "data/sub/a-link");
        Assert.Equal(TarEntryType.HardLink, link.EntryType);
        Assert.Equal("data/a.txt", link.LinkName);
        Assert.Equal("../a.txt", entries.Single(e => e.Name == "data/sub/rel").LinkName);
        Assert.True(stat.IsDirectory);
        Assert.Equal(GoFileMode.Dir | 0x1EDu, stat.Mode);
    }

    [Fact]
    public async Task CopyOut_DirectoryDot_ArchivesTheContentsOnly()
    {
        using var fx = new CopyFixture();
        fx.Write("data/a.txt", "a");

        var (stat, entries) = await CopyOut(fx, "/data/.");

        Assert.Equal(["./", "./a.txt"], entries.Select(e => e.Name));
        Assert.Equal(".", stat.Name);
    }

    [Fact]
    public async Task CopyOut_Symlink_IsTheLinkItselfUnlessFollowed()
    {
        using var fx = new CopyFixture();
        fx.Write("real/file", "content");
        Links.Symlink("/real/file", fx.InRootfs("link"));

        var (stat, entries) = await CopyOut(fx, "/link");
        var entry = Assert.Single(entries);
        Assert.Equal(("link", TarEntryType.SymbolicLink, "/real/file"), (entry.Name, entry.EntryType, entry.LinkName));
        Assert.True(stat.IsSymlink);
        Assert.Equal("/real/file", stat.LinkTarget);

        var (followedStat, followed) = await CopyOut(fx, "/link", follow: true);
        entry = Assert.Single(followed);
        Assert.Equal(("link", TarEntryType.RegularFile, "content"), (entry.Name, entry.EntryType, CopyFixture.Content(entry)));
        Assert.Equal("link", followedStat.Name);
        Assert.False(followedStat.IsSymlink);
    }

    [Fact]
    public async Task CopyOut_SymlinkToEtcPasswd_ResolvesInsideTheRootfsNeverOnTheHost()
    {
        using var fx = new CopyFixture();
        Links.Symlink("/etc/passwd", fx.InRootfs("pw"));
        Links.Symlink("../../../../../../etc", fx.InRootfs("up"));

        var (stat, followed) = await CopyOut(fx, "pw", follow: true);
        Assert.Equal(CopyFixture.RootfsPasswd, CopyFixture.Content(Assert.Single(followed)));
        Assert.Equal(CopyFixture.RootfsPasswd.Length, stat.Size);

        // A directory symlink in the middle of the path climbs no higher than the rootfs either.
        var (_, through) = await CopyOut(fx, "/up/passwd");
        Assert.Equal(CopyFixture.RootfsPasswd, CopyFixture.Content(Assert.Single(through)));
        Assert.Equal("/etc/passwd", ContainerCopy.StatPath(fx.Rootfs, "/pw").LinkTarget);
    }

    [Fact]
    public async Task CopyOut_MissingPath_IsNotFoundInDockersWording()
    {
        using var fx = new CopyFixture();
        var e = await Assert.ThrowsAsync<BerthException>(() => CopyOut(fx, "/no/such"));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal("Could not find the file /no/such in container", e.Message);
        // A file used as a directory is just as missing.
        e = await Assert.ThrowsAsync<BerthException>(() => CopyOut(fx, "/etc/passwd/x"));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public void StatPath_GivesGoFileModeBits()
    {
        using var fx = new CopyFixture();
        fx.Write("bin/su", "x");
        File.SetUnixFileMode(fx.InRootfs("bin/su"), (UnixFileMode)0x9ED /* 04755 */);
        DeviceNodes.MakeNode(fx.InRootfs("null"), UnixFileType.CharacterDevice, (UnixFileMode)0x1B6, 1, 3);
        Permissions.Chmod(fx.InRootfs("null"), (UnixFileMode)0x1B6);

        Assert.Equal(GoFileMode.Setuid | 0x1EDu, ContainerCopy.StatPath(fx.Rootfs, "/bin/su").Mode);
        Assert.Equal(GoFileMode.Device | GoFileMode.CharDevice | 0x1B6u, ContainerCopy.StatPath(fx.Rootfs, "/null").Mode);
        Assert.Equal("/", ContainerCopy.StatPath(fx.Rootfs, "/").Name);
    }
}
