using Berth.Archive.Copy;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Archive.Tests.Copy;

public sealed class LocalArchiveTests
{
    [Fact]
    public async Task HostDirectory_RoundTripsIntoAContainerAndBackOut()
    {
        using var fx = new CopyFixture();
        var src = Path.Combine(fx.Host, "src");
        Directory.CreateDirectory(Path.Combine(src, "sub"));
        File.WriteAllText(Path.Combine(src, "sub/file"), "data");
        Links.Symlink("sub/file", Path.Combine(src, "link"));
        var tar = new MemoryStream();

        var source = await LocalArchive.WriteAsync(src, tar, followLink: false, CancellationToken.None);
        Assert.Equal(["src/", "src/link", "src/sub/", "src/sub/file"], CopyFixture.ReadTar(tar.ToArray()).Select(e => e.Name));
        Assert.True(source.IsDirectory);
        await ContainerCopy.CopyInAsync(fx.Rootfs, "/etc", new MemoryStream(tar.ToArray()), new CopyInOptions(), CancellationToken.None);
        Assert.Equal("data", File.ReadAllText(fx.InRootfs("etc/src/link")));

        var back = new MemoryStream();
        var stat = await ContainerCopy.CopyOutAsync(fx.Rootfs, "/etc/src", back, followLink: false, CancellationToken.None);
        back.Position = 0;
        var dest = Path.Combine(fx.Host, "copy");
        await LocalArchive.ExtractAsync(back, dest, new CopySource { Path = "/etc/src", IsDirectory = stat.IsDirectory }, CancellationToken.None);
        Assert.Equal("data", File.ReadAllText(Path.Combine(dest, "sub/file")));
        Assert.Equal("sub/file", Links.ReadLink(Path.Combine(dest, "link")));
    }

    [Fact]
    public async Task FollowLink_ArchivesTheTargetUnderTheLinksName()
    {
        using var fx = new CopyFixture();
        File.WriteAllText(Path.Combine(fx.Host, "real"), "r");
        Links.Symlink("real", Path.Combine(fx.Host, "alias"));
        var tar = new MemoryStream();
        await LocalArchive.WriteAsync(Path.Combine(fx.Host, "alias"), tar, followLink: true, CancellationToken.None);
        var entry = Assert.Single(CopyFixture.ReadTar(tar.ToArray()));
        Assert.Equal(("alias", "r"), (entry.Name, CopyFixture.Content(entry)));
    }

    [Fact]
    public async Task ExtractFile_ToNewNameOrIntoDirectory()
    {
        using var fx = new CopyFixture();
        var source = new CopySource { Path = "/etc/passwd", IsDirectory = false };
        byte[] Tar() => new TarBuilder().File("passwd", "pw", uid: 0).Build();

        await LocalArchive.ExtractAsync(new MemoryStream(Tar()), Path.Combine(fx.Host, "pw.txt"), source, CancellationToken.None);
        await LocalArchive.ExtractAsync(new MemoryStream(Tar()), fx.Host + "/", source, CancellationToken.None);
        Assert.Equal("pw", File.ReadAllText(Path.Combine(fx.Host, "pw.txt")));
        Assert.Equal("pw", File.ReadAllText(Path.Combine(fx.Host, "passwd")));
        var e = await Assert.ThrowsAsync<BerthException>(() =>
            LocalArchive.ExtractAsync(new MemoryStream(Tar()), Path.Combine(fx.Host, "missing/x"), source, CancellationToken.None));
        Assert.Contains("no such directory", e.Message);
    }

    public static TheoryData<byte[]> HostileTars() => new()
    {
        new TarBuilder().File("passwd", "x").File("../bait", "owned").Build(),
        new TarBuilder().File("passwd", "x").File("/etc/passwd", "owned").Build(),
        new TarBuilder().Symlink("passwd", "../../..").Build(),
        new TarBuilder().Directory("passwd").Symlink("passwd/up", "/").File("passwd/up/bait", "owned").Build(),
        new TarBuilder().Directory("passwd").HardLink("passwd/h", "../bait").Build(),
        // A second top-level name would land next to the destination, outside what was asked for.
        new TarBuilder().File("passwd", "x").File("sibling", "owned").Build(),
    };

    [Theory]
    [MemberData(nameof(HostileTars))]
    public async Task HostileContainerTar_CannotEscapeTheHostDestination(byte[] tar)
    {
        using var fx = new CopyFixture();
        var dest = Path.Combine(fx.Host, "out");
        var hostPasswd = TreeSnapshot.Describe("/etc/passwd");

        var e = await Assert.ThrowsAsync<BerthException>(() =>
            LocalArchive.ExtractAsync(new MemoryStream(tar), dest, new CopySource { Path = "/etc/passwd", IsDirectory = false }, CancellationToken.None));

        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("bait", File.ReadAllText(fx.Bait));
        Assert.Empty(fx.Outside());
        Assert.False(File.Exists(Path.Combine(fx.Host, "sibling")));
        Assert.Equal(hostPasswd, TreeSnapshot.Describe("/etc/passwd"));
    }

    [Fact]
    public async Task DevicesAndPrivilegedXattrsFromAContainer_DoNotReachTheHost()
    {
        using var fx = new CopyFixture();
        var tar = new TarBuilder()
            .Directory("d")
            .Device("d/sda", System.Formats.Tar.TarEntryType.BlockDevice, 8, 0)
            .Raw('0', "d/cap", [], (UnixFileMode)0x1ED, ("SCHILY.xattr.security.capability", [1, 0, 0, 2, 0, 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
            .Build();
        var dest = Path.Combine(fx.Host, "d");
        var skipped = await LocalArchive.ExtractAsync(new MemoryStream(tar), dest, new CopySource { Path = "/d", IsDirectory = true }, CancellationToken.None);
        Assert.Equal(["d/sda"], skipped);
        Assert.False(File.Exists(Path.Combine(dest, "sda")));
        Assert.Null(ExtendedAttributes.LGet(Path.Combine(dest, "cap"), "security.capability"));
    }
}
