namespace Berth.Snapshots.Tests;

public sealed class OverlaySnapshotterTests : SnapshotterConformance
{
    protected override string DriverName => "overlay";

    protected override ISnapshotter Open(string directory) => new OverlaySnapshotter(directory);

    [RootFact]
    public void Commit_WithRebase_ChainsLayersUnpackedWithoutParents()
    {
        var lower = Snapshotter.Prepare("extract-1", parent: null).WritableDirectory()!;
        var upper = Snapshotter.Prepare("extract-2", parent: null).WritableDirectory()!;
        File.WriteAllText(Path.Combine(lower, "a"), "1");
        File.WriteAllText(Path.Combine(lower, "keep"), "1");
        TestSyscalls.Whiteout(Path.Combine(upper, "a"));
        File.WriteAllText(Path.Combine(upper, "b"), "2");

        Assert.Throws<Oci.BerthException>(() => Snapshotter.Commit("l2", "extract-2", rebaseOnto: "extract-1"));
        Snapshotter.Commit("l1", "extract-1");
        Snapshotter.Commit("l2", "extract-2", rebaseOnto: "l1");

        Assert.Equal("l1", Snapshotter.Stat("l2")!.Parent);
        Assert.Throws<Oci.BerthException>(() => Snapshotter.Remove("l1"));
        WithMounted(Snapshotter.View("v", "l2"), root =>
        {
            Assert.False(File.Exists(Path.Combine(root, "a")), "the rebased layer's whiteout hides its new parent's file");
            Assert.Equal("1", File.ReadAllText(Path.Combine(root, "keep")));
            Assert.Equal("2", File.ReadAllText(Path.Combine(root, "b")));
        });
    }
}
