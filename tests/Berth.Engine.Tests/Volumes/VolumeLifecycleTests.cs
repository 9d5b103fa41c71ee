using Berth.Engine.Tests.Support;
using Berth.Engine.Volumes;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Engine.Tests.Volumes;

/// <summary>Prune rules, container uses, driver-option mounts and the copy of image content into a volume.</summary>
public sealed class VolumeLifecycleTests : IDisposable
{
    private readonly VolumeEngine _v = new();
    private VolumeService Volumes => _v.Engine.Volumes;
    private static CancellationToken Ct => CancellationToken.None;

    private async Task<string> Create(string? name, params (string Key, string Value)[] labels) =>
        (await Volumes.CreateAsync(new VolumeCreateOptions { Name = name, Labels = labels.ToDictionary(l => l.Key, l => l.Value) }, Ct)).Name;

    private async Task<string[]> Names() => (await Volumes.ListAsync([], Ct)).Volumes.Select(v => v.Name).ToArray();

    [Fact]
    public async Task Prune_ByDefault_RemovesOnlyUnusedAnonymousVolumes()
    {
        var named = await Create("named");
        var unused = await Create(null);
        var used = _v.AddContainerUsing(new string('1', 64), null).Name;
        File.WriteAllBytes(Path.Combine(Volumes.MountpointOf(unused), "blob"), new byte[1234]);

        var report = await Volumes.PruneAsync([], all: false, Ct);

        Assert.Equal([unused], report.VolumesDeleted);
        Assert.Equal(1234, report.SpaceReclaimed);
        Assert.Equal(new[] { named, used }.Order(StringComparer.Ordinal), await Names());
        Assert.False(Directory.Exists(Path.Combine(_v.VolumesDirectory, unused)));
    }

    [Fact]
    public async Task Prune_All_RemovesEveryUnusedVolume()
    {
        await Create("named");
        await Create(null);
        await Create("shared");
        _v.AddContainerUsing(new string('1', 64), "shared");
        var report = await Volumes.PruneAsync([], all: true, Ct);
        Assert.Equal(2, report.VolumesDeleted.Count);
        Assert.Equal(["shared"], await Names());
        // The filter all=true means the same as the flag.
        await Create("again");
        Assert.Equal(["again"], (await Volumes.PruneAsync([new("all", "true")], all: false, Ct)).VolumesDeleted);
    }

    [Fact]
    public async Task Prune_LabelFilters_SelectVolumes()
    {
        await Create("keep", ("keep", "yes"));
        await Create("tmp-a", ("tmp", "1"));
        await Create("tmp-b", ("tmp", "2"));
        Assert.Equal(["tmp-a"], (await Volumes.PruneAsync([new("label", "tmp=1")], all: true, Ct)).VolumesDeleted);
        Assert.Equal(["tmp-b"], (await Volumes.PruneAsync([new("label!", "keep")], all: true, Ct)).VolumesDeleted);
        Assert.Equal(["keep"], await Names());
    }

    [Theory]
    [InlineData("dangling", "true", "invalid filter 'dangling'")]
    [InlineData("all", "yes", "invalid filter 'all=yes'")]
    public async Task Prune_BadFilter_IsInvalidArgument(string key, string value, string message)
    {
        var e = await Assert.ThrowsAsync<BerthException>(() => Volumes.PruneAsync([new(key, value)], all: false, Ct));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task EnsureForContainer_CreatesNamedVolumeOnceAndRecordsUses()
    {
        var first = _v.AddContainerUsing(new string('1', 64), "shared");
        var second = _v.AddContainerUsing(new string('2', 64), "shared");
        Assert.Equal(VolumeEngine.Json(first), VolumeEngine.Json(second));
        Assert.DoesNotContain(VolumeNames.AnonymousLabel, first.Labels.Keys);
        Assert.Equal(["shared"], await Names());
        Assert.Empty((await Volumes.ListAsync([new("dangling", "true")], Ct)).Volumes);
        _v.RemoveContainer(new string('1', 64));
        Assert.Empty((await Volumes.ListAsync([new("dangling", "true")], Ct)).Volumes);
        _v.RemoveContainer(new string('2', 64));
        Assert.Equal(["shared"], (await Volumes.ListAsync([new("dangling", "true")], Ct)).Volumes.Select(v => v.Name));
    }

    [Fact]
    public async Task AnonymousVolumesOf_ListsOnlyTheContainersAnonymousVolumes()
    {
        var id = new string('9', 64);
        var anonymous = _v.AddContainerUsing(id, null).Name;
        _v.AddContainerUsing(id, "named");
        _v.AddContainerUsing(new string('8', 64), null);
        var listed = _v.Engine.Metadata.Read(t => Volumes.AnonymousVolumesOf(t, id));
        Assert.Equal([anonymous], listed);
        _v.Engine.Metadata.Write(t => Volumes.ReleaseContainer(t, id));
        Assert.Empty(_v.Engine.Metadata.Read(t => Volumes.AnonymousVolumesOf(t, id)));
        await Volumes.RemoveAsync(anonymous, force: false, Ct);
    }

    [Fact]
    public void EnsureForContainer_InvalidName_RollsBackAndLeavesNothing()
    {
        Assert.Throws<BerthException>(() => _v.AddContainerUsing(new string('1', 64), "../escape"));
        Assert.Empty(Directory.GetFileSystemEntries(_v.VolumesDirectory));
        Assert.Equal(0, _v.Engine.Metadata.Read(t => { using var c = _v.Engine.Metadata.Command(t, "SELECT count(*) FROM containers"); return Convert.ToInt32(c.ExecuteScalar()); }));
    }

    [RootFact]
    public async Task TmpfsOptions_MountWhileUsedAndUnmountWhenUnused()
    {
        await Volumes.CreateAsync(new VolumeCreateOptions
        {
            Name = "scratch",
            DriverOpts = new Dictionary<string, string> { ["type"] = "tmpfs", ["device"] = "tmpfs", ["o"] = "size=1m,mode=0700,noexec" },
        }, Ct);
        Assert.Equal("tmpfs", (await Volumes.InspectAsync("scratch", Ct)).Options["type"]);
        var mountpoint = Volumes.MountpointOf("scratch");
        var id = new string('5', 64);
        _v.AddContainerUsing(id, "scratch");
        try
        {
            Assert.True(Volumes.MountIfNeeded("scratch"));
            Assert.False(Volumes.MountIfNeeded("scratch"));
            var line = File.ReadLines("/proc/self/mountinfo").Single(l => l.Split(' ')[4] == mountpoint);
            Assert.Contains(" tmpfs tmpfs ", line);
            Assert.Contains("noexec", line);
            Assert.Contains("size=1024k", line);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, FileStatus.Lstat(mountpoint).Permissions);
            File.WriteAllText(Path.Combine(mountpoint, "in-tmpfs"), "x");
            Assert.False(Volumes.UnmountIfUnused("scratch"));
        }
        finally
        {
            _v.RemoveContainer(id);
        }
        Assert.True(Volumes.UnmountIfUnused("scratch"));
        Assert.DoesNotContain(File.ReadLines("/proc/self/mountinfo"), l => l.Split(' ')[4] == mountpoint);
        Assert.False(File.Exists(Path.Combine(mountpoint, "in-tmpfs")));
        await Volumes.RemoveAsync("scratch", force: false, Ct);
    }

    [RootFact]
    public async Task Remove_UnmountsALeftoverMountBeforeDeleting()
    {
        await Volumes.CreateAsync(new VolumeCreateOptions
        {
            Name = "left",
            DriverOpts = new Dictionary<string, string> { ["type"] = "tmpfs", ["device"] = "tmpfs" },
        }, Ct);
        Assert.True(Volumes.MountIfNeeded("left"));
        await Volumes.RemoveAsync("left", force: false, Ct);
        Assert.Empty(Directory.GetFileSystemEntries(_v.VolumesDirectory));
    }

    public void Dispose() => _v.Dispose();
}
