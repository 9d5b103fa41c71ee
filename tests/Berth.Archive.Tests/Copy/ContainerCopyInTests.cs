using Berth.Archive.Copy;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Archive.Tests.Copy;

public sealed class ContainerCopyInTests
{
    private static Task CopyIn(CopyFixture fx, string dest, byte[] tar, CopyInOptions? options = null) =>
        ContainerCopy.CopyInAsync(fx.Rootfs, dest, new NonSeekableStream(tar), options ?? new CopyInOptions(), CancellationToken.None);

    /// <summary>What the CLI does: stat the destination in the container, plan, then extract with the plan's renaming.</summary>
    private static async Task PlanAndCopyIn(CopyFixture fx, CopySource source, string dest, byte[] tar)
    {
        CopyDestination destination;
        try
        {
            var stat = ContainerCopy.StatPath(fx.Rootfs, dest);
            destination = new CopyDestination { Path = dest, Exists = true, IsDirectory = stat.IsDirectory };
        }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
        {
            destination = new CopyDestination { Path = dest, Exists = false };
        }
        var plan = CopyPlan.Plan(source, destination);
        await CopyIn(fx, plan.ExtractDirectory, tar, new CopyInOptions { RebaseFrom = plan.RenameFrom, RebaseTo = plan.RenameTo });
    }

    [Fact]
    public async Task FileIntoDirectory_OwnedByRootUnlessArchiveMode()
    {
        using var fx = new CopyFixture();
        Directory.CreateDirectory(fx.InRootfs("app"));
        var tar = new TarBuilder().File("f.txt", "one", (UnixFileMode)0x1ED, uid: 1000, gid: 1000).Build();

        await PlanAndCopyIn(fx, new CopySource { Path = "/host/f.txt", IsDirectory = false }, "/app", tar);
        var status = FileStatus.Lstat(fx.InRootfs("app/f.txt"));
        Assert.Equal("one", File.ReadAllText(fx.InRootfs("app/f.txt")));
        Assert.Equal((0u, 0u, (UnixFileMode)0x1ED), (status.Uid, status.Gid, status.Permissions));

        await CopyIn(fx, "/app", tar, new CopyInOptions { CopyUidGid = true });
        status = FileStatus.Lstat(fx.InRootfs("app/f.txt"));
        Assert.Equal((1000u, 1000u), (status.Uid, status.Gid));
    }

    [Fact]
    public async Task FileOntoFileAndToNewName_AreRenamedToTheDestination()
    {
        using var fx = new CopyFixture();
        var tar = new TarBuilder().File("f.txt", "new").Build();
        var source = new CopySource { Path = "f.txt", IsDirectory = false };

        await PlanAndCopyIn(fx, source, "/etc/passwd", tar);
        Assert.Equal("new", File.ReadAllText(fx.InRootfs("etc/passwd")));
        await PlanAndCopyIn(fx, source, "/etc/renamed", tar);
        Assert.Equal("new", File.ReadAllText(fx.InRootfs("etc/renamed")));
        Assert.False(File.Exists(fx.InRootfs("etc/f.txt")));
    }

    [Fact]
    public async Task DirectoryToNewPath_AndDotContentsIntoExisting()
    {
        using var fx = new CopyFixture();
        Directory.CreateDirectory(fx.InRootfs("opt"));
        var tar = new TarBuilder().Directory("d").File("d/a", "a").Directory("d/sub").File("d/sub/b", "b").Build();

        await PlanAndCopyIn(fx, new CopySource { Path = "/h/d", IsDirectory = true }, "/opt/new", tar);
        Assert.Equal("b", File.ReadAllText(fx.InRootfs("opt/new/sub/b")));

        var dot = new TarBuilder().Directory("./").File("./a", "a").Build();
        await PlanAndCopyIn(fx, new CopySource { Path = "/h/d/.", IsDirectory = true }, "/etc", dot);
        Assert.Equal("a", File.ReadAllText(fx.InRootfs("etc/a")));
        Assert.False(Directory.Exists(fx.InRootfs("etc/d")));
    }

    [Fact]
    public async Task DirectoryOverFile_IsRefusedByNoOverwriteDirNonDir()
    {
        using var fx = new CopyFixture();
        var tar = new TarBuilder().Directory("passwd").File("passwd/x", "x").Build();
        var e = await Assert.ThrowsAsync<BerthException>(() => CopyIn(fx, "/etc", tar));
        Assert.Equal("cannot overwrite non-directory \"/etc/passwd\" with directory \"passwd\"", e.Message);
        Assert.Equal(CopyFixture.RootfsPasswd, File.ReadAllText(fx.InRootfs("etc/passwd")));
    }

    [Fact]
    public async Task MissingOrFileDestination_IsRefused()
    {
        using var fx = new CopyFixture();
        var tar = new TarBuilder().File("x", "x").Build();
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<BerthException>(() => CopyIn(fx, "/nope", tar))).Kind);
        var e = await Assert.ThrowsAsync<BerthException>(() => CopyIn(fx, "/etc/passwd", tar));
        Assert.StartsWith("extraction point is not a directory", e.Message);
    }

    public static TheoryData<string, byte[]> HostileTars() => new()
    {
        { "climbs out of", new TarBuilder().File("../../../escape", "x").Build() },
        { "absolute", new TarBuilder().File("/etc/cron.d/evil", "x").Build() },
        { "symlink target", new TarBuilder().Symlink("up", "../../../../..").File("up/escape", "x").Build() },
        { "from the same archive", new TarBuilder().Symlink("evil", "/etc").File("evil/passwd", "owned").Build() },
        { "absolute", new TarBuilder().HardLink("shadow", "/etc/shadow").Build() },
        { "climbs out of", new TarBuilder().HardLink("shadow", "../../../../etc/shadow").Build() },
        { "does not exist", new TarBuilder().HardLink("passwd-link", "etc/passwd").Build() },
    };

    [Theory]
    [MemberData(nameof(HostileTars))]
    public async Task HostileTar_IsRefusedAndNothingOutsideIsTouched(string reason, byte[] tar)
    {
        using var fx = new CopyFixture();
        Directory.CreateDirectory(fx.InRootfs("dest"));
        var hostPasswd = TreeSnapshot.Describe("/etc/passwd");
        var hostShadow = TreeSnapshot.Describe("/etc/shadow");

        var e = await Assert.ThrowsAsync<BerthException>(() => CopyIn(fx, "/dest", tar));

        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(reason, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(CopyFixture.RootfsPasswd, File.ReadAllText(fx.InRootfs("etc/passwd")));
        Assert.Empty(fx.Outside());
        Assert.Equal("bait", File.ReadAllText(fx.Bait));
        Assert.Equal(hostPasswd, TreeSnapshot.Describe("/etc/passwd"));
        Assert.Equal(hostShadow, TreeSnapshot.Describe("/etc/shadow"));
    }

    [Fact]
    public async Task ExistingContainerSymlinks_AreFollowedInsideTheRootfs()
    {
        using var fx = new CopyFixture();
        // /dest is a container symlink climbing "above" the rootfs: it lands on the rootfs's own /etc.
        Links.Symlink("../../../../../etc", fx.InRootfs("dest"));
        await CopyIn(fx, "/dest", new TarBuilder().File("added", "in rootfs").Build());
        Assert.Equal("in rootfs", File.ReadAllText(fx.InRootfs("etc/added")));
        Assert.Empty(fx.Outside());
    }

    [Fact]
    public async Task WhiteoutNames_AreOrdinaryFiles()
    {
        using var fx = new CopyFixture();
        await CopyIn(fx, "/etc", new TarBuilder().File(".wh.passwd", "").Build());
        Assert.True(File.Exists(fx.InRootfs("etc/.wh.passwd")));
        Assert.Equal(CopyFixture.RootfsPasswd, File.ReadAllText(fx.InRootfs("etc/passwd")));
    }
}
