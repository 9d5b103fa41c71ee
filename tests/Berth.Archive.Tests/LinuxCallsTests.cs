using Berth.Linux;

namespace Berth.Archive.Tests;

/// <summary>The Berth.Linux wrappers the archive layer leans on, checked against the kernel.</summary>
public sealed class LinuxCallsTests
{
    [Fact]
    public void FileLock_Exclusive_ExcludesASecondHolder_UntilDisposed()
    {
        using var tree = new TestTree();
        var path = Path.Combine(tree.Parent, "lock");
        using (var held = FileLock.Acquire(path))
        {
            Assert.Null(FileLock.TryAcquire(path));
        }
        using var again = FileLock.TryAcquire(path);
        Assert.NotNull(again);
    }

    [Fact]
    public void Directories_TryCreate_MakesNewNames_AnswersFalseForAnyExistingOne_AndThrowsOtherwise()
    {
        using var tree = new TestTree();
        var fresh = Path.Combine(tree.Parent, "fresh");
        File.WriteAllText(Path.Combine(tree.Parent, "file"), "");
        File.CreateSymbolicLink(Path.Combine(tree.Parent, "dangling"), "/nonexistent/berth");

        Assert.True(Directories.TryCreate(fresh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        Assert.Equal(UnixFileType.Directory, FileStatus.Lstat(fresh).Type);
        Assert.False(Directories.TryCreate(fresh, UnixFileMode.UserRead));
        Assert.False(Directories.TryCreate(Path.Combine(tree.Parent, "file"), UnixFileMode.UserRead));
        // mkdir never follows a final symlink, not even one that points nowhere.
        Assert.False(Directories.TryCreate(Path.Combine(tree.Parent, "dangling"), UnixFileMode.UserRead));
        Assert.False(Directory.Exists("/nonexistent/berth"));
        var error = Assert.Throws<LinuxIOException>(() => Directories.TryCreate(Path.Combine(tree.Parent, "missing", "child"), UnixFileMode.UserRead));
        Assert.Equal(Errno.ENOENT, error.Errno);
    }

    [Fact]
    public void Errors_NameTheOperationPathAndErrno()
    {
        var error = Assert.Throws<LinuxIOException>(() => FileStatus.Lstat("/nonexistent/berth"));
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Contains("/nonexistent/berth", error.Message);
        Assert.Contains("No such file or directory", error.Message);
        Assert.IsAssignableFrom<IOException>(error);
    }

    [Fact]
    public void Timespec_RoundTripsDateTimeOffset_IncludingBeforeTheEpoch()
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(-1500);
        Assert.Equal(new Timespec(-2, 500_000_000), Timespec.FromDateTimeOffset(time));
        Assert.Equal(time, Timespec.FromDateTimeOffset(time).ToDateTimeOffset());
    }

    [Fact]
    public void Xattrs_SetListGetRemove_OnTheLinkItself()
    {
        Assert.True(Environment.IsPrivilegedProcess, "trusted.* xattrs on symlinks need root");
        using var tree = new TestTree();
        var link = Path.Combine(tree.Parent, "link");
        Links.Symlink("outside", link);
        ExtendedAttributes.LSet(link, "trusted.test", [1, 2, 0xff]);
        Assert.Contains("trusted.test", ExtendedAttributes.LList(link));
        Assert.Equal(new byte[] { 1, 2, 0xff }, ExtendedAttributes.LGet(link, "trusted.test"));
        Assert.Null(ExtendedAttributes.LGet(Path.Combine(tree.Parent, "outside"), "trusted.test"));
        ExtendedAttributes.LRemove(link, "trusted.test");
        Assert.Null(ExtendedAttributes.LGet(link, "trusted.test"));
    }

    [Fact]
    public void DurabilityCalls_Succeed_OnFilesAndDirectories()
    {
        using var tree = new TestTree();
        Durability.FsyncPath(tree.Parent);
        Durability.FsyncPath(Path.Combine(tree.Parent, "outside"));
        Durability.Syncfs(tree.Parent);
        Assert.Equal(Errno.ELOOP, Assert.Throws<LinuxIOException>(() =>
        {
            Links.Symlink("outside", Path.Combine(tree.Parent, "l"));
            Durability.FsyncPath(Path.Combine(tree.Parent, "l"));
        }).Errno);
    }

    [Fact]
    public void MountInfo_Parse_FindsTheTypeAfterOptionalFields_AndUnescapesThePath()
    {
        var entry = MountInfo.Parse(@"36 35 98:0 /mnt1 /mnt/with\040space\134x rw,noatime master:1 shared:7 - ext3 /dev/root rw,errors=continue");
        Assert.Equal(new MountInfo.Entry("/mnt/with space\\x", "ext3"), entry);
        Assert.Equal("/a\\09", MountInfo.Parse(@"1 2 0:1 / /a\09 rw - tmpfs tmpfs rw")!.Value.MountPoint);
        Assert.Null(MountInfo.Parse("not a mountinfo line"));
        Assert.Null(MountInfo.Parse("1 2 0:1 / /x rw shared:1"));
    }

    [Fact]
    public void MountInfo_Read_SeesProcMounted()
    {
        Assert.Contains(MountInfo.Read(), m => m.MountPoint == "/proc" && m.FilesystemType == "proc");
        Assert.True(MountInfo.IsMountPoint("/proc"));
        Assert.False(MountInfo.IsMountPoint("/proc/self"));
    }
}
