using Berth.Archive.Changes;
using Berth.Oci;

namespace Berth.Archive.Tests.Changes;

public sealed class OverlayChangesTests
{
    /// <summary>A lower tree, then changes made through a real overlay mount so the kernel writes the upper directory.</summary>
    internal static OverlayFixture ChangedContainer()
    {
        var fx = new OverlayFixture();
        fx.WriteLower("etc/hosts", "old hosts");
        fx.WriteLower("etc/keep", "kept");
        fx.WriteLower("usr/bin/tool", "tool");
        fx.WriteLower("usr/bin/other", "other");
        fx.WriteLower("var/cache/a", "a");
        fx.WriteLower("var/cache/sub/b", "b");
        fx.MountWritable();
        File.AppendAllText(fx.M("etc/hosts"), "new line\n");
        File.WriteAllText(fx.M("etc/new"), "new");
        File.Delete(fx.M("usr/bin/tool"));
        Directory.Delete(fx.M("var/cache"), recursive: true);
        Directory.CreateDirectory(fx.M("var/cache"));
        File.WriteAllText(fx.M("var/cache/fresh"), "fresh");
        Directory.CreateDirectory(fx.M("newdir/sub"));
        File.WriteAllText(fx.M("newdir/sub/f"), "f");
        return fx;
    }

    [Fact]
    public void Compute_ReportsAddedChangedDeletedAndOpaqueDirectoriesLikeDocker()
    {
        using var fx = ChangedContainer();

        var changes = OverlayChanges.Compute(fx.Upper, [fx.Lower]).Select(c => c.ToString()).ToArray();

        Assert.Equal(new[]
        {
            "C /etc", "C /etc/hosts", "A /etc/new",
            "A /newdir", "A /newdir/sub", "A /newdir/sub/f",
            "C /usr/bin", "D /usr/bin/tool",
            "C /var", "D /var/cache", "A /var/cache/fresh",
        }, changes);
    }

    [Fact]
    public void Compute_ParentsOfAddedEntriesAreReportedEvenWhenTheirMetadataIsUnchanged()
    {
        using var fx = new OverlayFixture();
        fx.WriteLower("a/b/c", "c");
        var upperDir = Directory.CreateDirectory(Path.Combine(fx.Upper, "a/b")).FullName;
        File.WriteAllText(Path.Combine(upperDir, "added"), "x");
        // Same mode and mtime as below: only the added child makes them show up (moby PR 13590).
        foreach (var dir in new[] { "a", "a/b" })
        {
            var below = Berth.Linux.FileStatus.Lstat(Path.Combine(fx.Lower, dir)).ModificationTime;
            Berth.Linux.FileTimes.LSet(Path.Combine(fx.Upper, dir), below, below);
        }

        var changes = OverlayChanges.Compute(fx.Upper, [fx.Lower]);

        Assert.Equal([new Change(ChangeKind.Modified, "/a/b"), new Change(ChangeKind.Added, "/a/b/added")], changes);
    }

    [Fact]
    public void Compute_AnEntryWhitedOutInALowerLayerIsAddedAgain()
    {
        using var fx = new OverlayFixture();
        fx.WriteLower("gone", "g");
        var middle = fx.Sub("middle");
        Berth.Linux.DeviceNodes.MakeNode(Path.Combine(middle, "gone"), Berth.Linux.UnixFileType.CharacterDevice, 0, 0, 0);
        File.WriteAllText(Path.Combine(fx.Upper, "gone"), "back");

        Assert.Equal([new Change(ChangeKind.Added, "/gone")], OverlayChanges.Compute(fx.Upper, [middle, fx.Lower]));
        Assert.Equal([new Change(ChangeKind.Modified, "/gone")], OverlayChanges.Compute(fx.Upper, [fx.Lower]));
    }

    [Fact]
    public void Compute_MissingUpperDirectory_IsNotFound()
    {
        var e = Assert.Throws<BerthException>(() => OverlayChanges.Compute("/nonexistent/upper", []));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }
}
