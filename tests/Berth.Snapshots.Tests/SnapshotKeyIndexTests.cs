using Berth.Oci;

namespace Berth.Snapshots.Tests;

/// <summary>
/// Snapshots are found by key through <c>keys/</c> links, not by reading every record; links are pointers that a
/// crash may leave stale, and a store from before the index gets one built by its next writer.
/// </summary>
public sealed class SnapshotKeyIndexTests : OverlayStoreTest
{
    private string Keys => Path.Combine(Root, "keys");

    private string Info(int id) => SnapshotPath(id, "info.json");

    [Fact]
    public void Lookups_ReadOnlyTheSnapshotsOnTheirWay_NotEveryRecord()
    {
        Commit("base", null);
        Commit("other", null);
        Snapshotter.Prepare("container", "base");
        // A record nobody looks up can be unreadable without any lookup noticing: none scans the store.
        File.WriteAllText(Info(2), "{ not json");

        Assert.Equal(SnapshotKind.Active, Snapshotter.Stat("container")!.Kind);
        Assert.Equal("overlay", Snapshotter.Mounts("container").Single().Type);
        Snapshotter.Prepare("second", "base");
        Snapshotter.Remove("second");
        Snapshotter.Remove("container");
        Assert.Null(Snapshotter.Stat("container"));
        Assert.Throws<BerthException>(() => Snapshotter.Walk());
    }

    [Fact]
    public void Keys_FollowCommitAndRemove()
    {
        Commit("l1", null);
        Assert.Equal(["l1"], Directory.EnumerateFileSystemEntries(Keys).Select(Path.GetFileName));
        Assert.Null(Snapshotter.Stat("k-l1"));

        Snapshotter.Prepare("c", "l1");
        Assert.Equal(["c", "l1"], Directory.EnumerateFileSystemEntries(Keys).Select(Path.GetFileName).Order());
        Snapshotter.Remove("c");
        Assert.Equal(["l1"], Directory.EnumerateFileSystemEntries(Keys).Select(Path.GetFileName));
    }

    [Fact]
    public void AStoreWithoutTheIndex_IsReadByScanning_AndIndexedByItsNextWriter()
    {
        Commit("l1", null);
        Commit("l2", "l1");
        Snapshotter.Prepare("c", "l2");
        Directory.Delete(Keys, recursive: true);

        var reader = new OverlaySnapshotter(Root);
        Assert.Equal(SnapshotKind.Active, reader.Stat("c")!.Kind);
        Assert.Equal(2, reader.Mounts("c").Single().Options.Single(o => o.StartsWith("lowerdir=", StringComparison.Ordinal)).Split(':').Length);
        Assert.False(Directory.Exists(Keys));

        reader.Prepare("d", "l1");
        Assert.Equal(["c", "d", "l1", "l2"], Directory.EnumerateFileSystemEntries(Keys).Select(Path.GetFileName).Order());
        Assert.Throws<BerthException>(() => reader.Prepare("c", null));
    }

    [Fact]
    public void StaleLinks_CountAsAbsent_AndCleanupMendsTheIndex()
    {
        Commit("l1", null);
        Snapshotter.Prepare("c", "l1");
        // Left by crashes: a link to a snapshot never renamed into place, one to a snapshot that holds another
        // key, and a snapshot whose link was lost.
        File.CreateSymbolicLink(Path.Combine(Keys, "ghost"), "42");
        File.CreateSymbolicLink(Path.Combine(Keys, "liar"), "1");
        File.Delete(Path.Combine(Keys, "c"));

        Assert.Null(Snapshotter.Stat("ghost"));
        Assert.Null(Snapshotter.Stat("liar"));
        Assert.Null(Snapshotter.Stat("c"));
        Snapshotter.Cleanup();

        Assert.Equal(["c", "l1"], Directory.EnumerateFileSystemEntries(Keys).Select(Path.GetFileName).Order());
        Assert.Equal(SnapshotKind.Active, Snapshotter.Stat("c")!.Kind);
        Snapshotter.Prepare("ghost", "l1");
        Assert.Equal(SnapshotKind.Active, Snapshotter.Stat("ghost")!.Kind);
    }

    [Fact]
    public void KeysOfAnyText_NameTheirOwnLink()
    {
        string[] keys = ["sha256:0123abcd", "a/b", "a%2Fb", "../up", ".", "..", ".tmp-x", "é"];
        foreach (var key in keys) Snapshotter.Prepare(key, null);

        foreach (var key in keys) Assert.Equal(key, Snapshotter.Stat(key)!.Key);
        Assert.Equal(keys.Length, Directory.EnumerateFileSystemEntries(Keys).Count());
        Assert.All(Directory.EnumerateFileSystemEntries(Keys).Select(Path.GetFileName), name => Assert.False(name!.StartsWith('.')));
        Assert.Equal(["keys", "lock", "next-id", "snapshots"], Directory.EnumerateFileSystemEntries(Root).Select(Path.GetFileName).Order());

        var tooLong = new string('x', 241);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => Snapshotter.Prepare(tooLong, null)).Kind);
    }
}
