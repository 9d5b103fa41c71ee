using Berth.Oci;

namespace Berth.Snapshots.Tests;

/// <summary>What is specific to the overlay driver: the mount options it returns and its on-disk layout.</summary>
public sealed class OverlayLayoutTests : OverlayStoreTest
{
    private string Fs(int id) => SnapshotPath(id, "fs");

    [Fact]
    public void Mounts_FollowContainerdsShapes()
    {
        var indexOff = File.Exists("/sys/module/overlay/parameters/index");
        Assert.Equal(new Mount("bind", Fs(1), ["rbind", "rw"]), Snapshotter.Prepare("k-l1", null).Single());
        Snapshotter.Commit("l1", "k-l1");
        Commit("l2", "l1");

        var active = Snapshotter.Prepare("c", "l2").Single();
        var expected = (indexOff ? ["index=off"] : Array.Empty<string>()).Concat(
            [$"workdir={SnapshotPath(3, "work")}", $"upperdir={Fs(3)}", $"lowerdir={Fs(2)}:{Fs(1)}"]);
        Assert.Equal(new Mount("overlay", "overlay", expected.ToList()), active);
        Assert.Equal(Fs(3), new[] { active }.WritableDirectory());

        Assert.Equal(new Mount("bind", Fs(1), ["rbind", "ro"]), Snapshotter.View("v1", "l1").Single());
        var view2 = Snapshotter.View("v2", "l2").Single();
        Assert.Equal("overlay", view2.Type);
        Assert.Equal($"lowerdir={Fs(2)}:{Fs(1)}", view2.Options[^1]);
        Assert.DoesNotContain(view2.Options, o => o.StartsWith("upperdir=", StringComparison.Ordinal));
        Assert.Equal(new Mount("bind", Fs(6), ["rbind", "ro"]), Snapshotter.View("v0", null).Single());
    }

    [InodeFlagsFact]
    public void SnapshotsDirectory_IsMarkedAsTheTopOfUnrelatedTrees()
    {
        // 'T' (FS_TOPDIR_FL): ext4 spreads each snapshot over the block groups instead of packing them beside the parent.
        // The first snapshot a process creates sets it.
        Snapshotter.Prepare("first", null);
        Assert.Contains('T', InodeFlagsFactAttribute.InodeFlagsOf(Path.Combine(Root, "snapshots")) ?? "");
    }

    [Fact]
    public void Stat_AfterAnotherProcessCommitsAndRemoves_SeesEachChange()
    {
        // Records are remembered between loads; a second snapshotter on the same directory stands for another
        // process changing them behind this one's back.
        var other = new OverlaySnapshotter(Root);
        other.Prepare("k", null);
        Assert.Equal(SnapshotKind.Active, Snapshotter.Stat("k")!.Kind);

        other.Commit("done", "k");
        Assert.Null(Snapshotter.Stat("k"));
        Assert.Equal(SnapshotKind.Committed, Snapshotter.Stat("done")!.Kind);

        other.Remove("done");
        Assert.Null(Snapshotter.Stat("done"));
        Assert.Empty(Snapshotter.Walk());
    }

    [RootFact]
    public void Prepare_OnAChainTooLongForOnePageOfOptions_FailsClearly_AndCreatesNothing()
    {
        // Each lowerdir costs len(".../snapshots/N/fs:"); some depth overflows the one page mount(2) copies.
        string? parent = null, grandparent = null;
        BerthException? error = null;
        for (var depth = 0; error is null; depth++)
        {
            var before = Snapshotter.Walk().Count();
            error = Record.Exception(() => Snapshotter.Prepare("k" + depth, parent)) as BerthException;
            if (error is not null)
            {
                Assert.Equal(before, Snapshotter.Walk().Count());
                Assert.InRange(depth, 40, Environment.SystemPageSize / 10);
                break;
            }

            Snapshotter.Commit("l" + depth, "k" + depth);
            (grandparent, parent) = (parent, "l" + depth);
        }

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("over the mount(2) limit", error.Message, StringComparison.Ordinal);
        // One layer less still fits, and the kernel takes it: the limit is not stricter than mount(2)'s.
        var target = Temp.Sub("target");
        Snapshotter.Prepare("fits", grandparent).Single().MountTo(target);
        Mount.Unmount(target);
        Assert.Empty(TempRoot.MountsUnder(Temp.Path));
    }

    [Fact]
    public void Cleanup_RemovesWhatACrashLeftBehind_AndKeepsRecordedSnapshots()
    {
        Commit("l1", null);
        var outside = Temp.Sub("outside");
        File.WriteAllText(Path.Combine(outside, "precious"), "keep");
        var snapshots = Path.Combine(Root, "snapshots");
        // A Prepare interrupted before its rename, a Remove interrupted after its rename, a stray directory.
        var staged = Directory.CreateDirectory(Path.Combine(snapshots, "new-7", "fs", "ro")).FullName;
        File.CreateSymbolicLink(Path.Combine(staged, "escape"), outside);
        File.SetUnixFileMode(staged, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Directory.CreateDirectory(Path.Combine(snapshots, "removing-3", "fs"));
        Directory.CreateDirectory(Path.Combine(snapshots, "9", "fs"));
        File.WriteAllText(Path.Combine(snapshots, "1", "info.json.tmp-0123"), "{");

        Assert.Single(Snapshotter.Walk());
        Snapshotter.Cleanup();

        Assert.Equal(["1"], Directory.EnumerateFileSystemEntries(snapshots).Select(Path.GetFileName));
        Assert.Equal(["fs", "info.json", "work"], Directory.EnumerateFileSystemEntries(Path.Combine(snapshots, "1")).Select(Path.GetFileName).Order());
        Assert.Equal("keep", File.ReadAllText(Path.Combine(outside, "precious")));
        Assert.Equal(SnapshotKind.Committed, Snapshotter.Stat("l1")!.Kind);
    }

    [RootFact]
    public void Remove_RefusesToDeleteIntoAFilesystemStillMountedInside()
    {
        var writable = Snapshotter.Prepare("a", null).WritableDirectory()!;
        var source = Temp.Sub("mounted-source");
        File.WriteAllText(Path.Combine(source, "precious"), "keep");
        var target = Directory.CreateDirectory(Path.Combine(writable, "mnt")).FullName;
        new Mount("bind", source, ["rbind", "rw"]).MountTo(target);
        try
        {
            Assert.Equal(ErrorKind.Conflict, Assert.Throws<BerthException>(() => Snapshotter.Remove("a")).Kind);
            Assert.NotNull(Snapshotter.Stat("a"));
        }
        finally
        {
            Mount.Unmount(target);
        }

        Assert.Equal("keep", File.ReadAllText(Path.Combine(source, "precious")));
        Assert.Empty(TempRoot.MountsUnder(Temp.Path));
    }

    [Fact]
    public void Snapshotters_CreatesOverlayByName_AndRejectsUnknownDrivers()
    {
        var created = Snapshotters.Create("overlay", Root);

        Assert.Equal("overlay", created.Driver);
        Assert.IsType<OverlaySnapshotter>(created);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => Snapshotters.Create("zfs", Root)).Kind);
    }

    [Fact]
    public void Metadata_IsSmallCamelCaseJson()
    {
        Snapshotter.Prepare("a", null, new Dictionary<string, string> { ["l"] = "v" });

        var json = File.ReadAllText(Path.Combine(Root, "snapshots", "1", "info.json"));

        Assert.StartsWith("{\"key\":\"a\",\"kind\":\"Active\",\"created\":", json, StringComparison.Ordinal);
        Assert.EndsWith(",\"labels\":{\"l\":\"v\"}}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_AreNeverReused_EvenWithoutTheCounterFile()
    {
        Commit("l1", null);
        Commit("l2", "l1");
        File.Delete(Path.Combine(Root, "next-id"));

        var writable = Snapshotter.Prepare("c", "l2").WritableDirectory();

        Assert.Equal(Fs(3), writable);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12x")]
    public void Ids_AreNeverReused_WhenACrashTornTheCounterFile(string torn)
    {
        Commit("l1", null);
        Commit("l2", "l1");
        File.WriteAllText(Path.Combine(Root, "next-id"), torn);

        var writable = Snapshotter.Prepare("c", "l2").WritableDirectory();

        Assert.Equal(Fs(3), writable);
    }

    [Fact]
    public void Ids_AreNeverReused_WhenTheCounterIsBehind()
    {
        Commit("l1", null);
        Commit("l2", "l1");
        // A counter restored from an older backup, and a removal whose files are still being deleted.
        File.WriteAllText(Path.Combine(Root, "next-id"), "1");
        Directory.CreateDirectory(Path.Combine(Root, "snapshots", "removing-3", "fs"));

        var writable = Snapshotter.Prepare("c", "l2").WritableDirectory();

        Assert.Equal(Fs(4), writable);
        Assert.Equal(5, long.Parse(File.ReadAllText(Path.Combine(Root, "next-id")), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Ids_AreNeverReused_WhenTheCounterIsFarBehind()
    {
        for (var i = 0; i < 20; i++) Snapshotter.Prepare("k" + i, null);
        File.WriteAllText(Path.Combine(Root, "next-id"), "00000000000000000001" + new string(' ', 10));

        var writable = Snapshotter.Prepare("c", null).WritableDirectory();

        Assert.Equal(Fs(21), writable);
        Assert.Equal("00000000000000000022", File.ReadAllText(Path.Combine(Root, "next-id")));
    }
}
