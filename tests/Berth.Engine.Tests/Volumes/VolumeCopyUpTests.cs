using Berth.Engine.Tests.Support;
using Berth.Engine.Volumes;
using Berth.Linux;

namespace Berth.Engine.Tests.Volumes;

/// <summary>Copying an image directory into a fresh volume: metadata kept, links never followed.</summary>
public sealed class VolumeCopyUpTests : IDisposable
{
    private readonly VolumeEngine _v = new();
    private readonly TempDirectory _image = new("berth-image-dir-");
    private VolumeService Volumes => _v.Engine.Volumes;

    [RootFact]
    public async Task CopyUp_KeepsOwnershipModesTimesAndLinks()
    {
        var source = _image.Sub("var/lib/app");
        File.WriteAllText(Path.Combine(source, "config"), "key=value\n");
        Ownership.Lchown(Path.Combine(source, "config"), 1000, 1001);
        File.SetUnixFileMode(Path.Combine(source, "config"), UnixFileMode.UserRead | UnixFileMode.SetUser | UnixFileMode.UserExecute);
        Directory.CreateDirectory(Path.Combine(source, "sub"));
        File.WriteAllText(Path.Combine(source, "sub", "f"), "f");
        Links.HardLink(Path.Combine(source, "sub", "f"), Path.Combine(source, "hard"));
        Links.Symlink("/etc/shadow", Path.Combine(source, "abs-link"));
        Links.Symlink("../../..", Path.Combine(source, "up-link"));
        DeviceNodes.MakeNode(Path.Combine(source, "fifo"), UnixFileType.Fifo, (UnixFileMode)0b110_100_000, 0, 0);
        var mtime = new DateTimeOffset(2020, 5, 6, 7, 8, 9, TimeSpan.Zero);
        FileTimes.LSet(Path.Combine(source, "sub", "f"), Timespec.FromDateTimeOffset(mtime), Timespec.FromDateTimeOffset(mtime));
        Ownership.Lchown(source, 33, 33);
        File.SetUnixFileMode(source, (UnixFileMode)0b111_000_000);

        await Volumes.CreateAsync(new VolumeCreateOptions { Name = "app" }, CancellationToken.None);
        Assert.True(Volumes.IsEmpty("app"));
        await Volumes.CopyUpAsync("app", source, CancellationToken.None);
        Assert.False(Volumes.IsEmpty("app"));

        var data = Volumes.MountpointOf("app");
        var root = FileStatus.Lstat(data);
        Assert.Equal((33u, 33u, (UnixFileMode)0b111_000_000), (root.Uid, root.Gid, root.Permissions));
        var config = FileStatus.Lstat(Path.Combine(data, "config"));
        Assert.Equal((1000u, 1001u), (config.Uid, config.Gid));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.SetUser | UnixFileMode.UserExecute, config.Permissions);
        Assert.Equal("key=value\n", File.ReadAllText(Path.Combine(data, "config")));
        Assert.Equal(mtime, FileStatus.Lstat(Path.Combine(data, "sub", "f")).ModificationTime.ToDateTimeOffset());
        Assert.Equal(FileStatus.Lstat(Path.Combine(data, "sub", "f")).Inode, FileStatus.Lstat(Path.Combine(data, "hard")).Inode);
        Assert.Equal("/etc/shadow", Links.ReadLink(Path.Combine(data, "abs-link")));
        Assert.Equal("../../..", Links.ReadLink(Path.Combine(data, "up-link")));
        Assert.Equal(UnixFileType.Fifo, FileStatus.Lstat(Path.Combine(data, "fifo")).Type);
    }

    [Fact]
    public async Task CopyUp_SourceThatIsASymlink_CopiesNothing()
    {
        var outside = _image.Sub("outside");
        File.WriteAllText(Path.Combine(outside, "secret"), "s");
        var image = _image.Sub("rootfs");
        Links.Symlink(outside, Path.Combine(image, "data"));
        await Volumes.CreateAsync(new VolumeCreateOptions { Name = "v1" }, CancellationToken.None);
        await Volumes.CopyUpAsync("v1", Path.Combine(image, "data"), CancellationToken.None);
        await Volumes.CopyUpAsync("v1", Path.Combine(image, "missing"), CancellationToken.None);
        Assert.True(Volumes.IsEmpty("v1"));
    }

    public void Dispose()
    {
        _v.Dispose();
        _image.Dispose();
    }
}
