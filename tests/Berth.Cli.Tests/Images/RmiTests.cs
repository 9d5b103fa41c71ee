using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Images;

public sealed class RmiTests
{
    [Fact]
    public void Rmi_ByName_UntagsAndDeletes()
    {
        using var t = new TestRoot();
        var id = Setup.ImportBusybox(t, "gone:1");
        var r = t.Berth.Run("rmi", "gone:1").Ok();
        Assert.StartsWith($"Untagged: gone:1\nDeleted: {id}\n", r.Stdout);
        // Like docker, the layers that went with it are listed after the image (by chain ID).
        Assert.Equal($"Deleted: {Sha.Digest(BusyboxRootfs.Layer().ToTar())}\n", r.Stdout[$"Untagged: gone:1\nDeleted: {id}\n".Length..]);
        Assert.Equal("", t.Berth.Run("images", "-q").Ok().Stdout);
    }

    [Fact]
    public void Rmi_ByIdPrefixAndFullId()
    {
        using var t = new TestRoot();
        var a = Setup.ImportBusybox(t, "a:1");
        var b = Setup.ImportBusybox(t, "b:1");
        Assert.Contains($"Deleted: {a}", t.Berth.Run("rmi", a[7..19]).Ok().Stdout);
        Assert.Contains($"Deleted: {b}", t.Berth.Run("image", "rm", b).Ok().Stdout);
        Assert.Equal("", t.Berth.Run("images", "-q").Ok().Stdout);
    }

    [Fact]
    public void Rmi_OneOfSeveralTags_OnlyUntags()
    {
        using var t = new TestRoot();
        Setup.ImportBusybox(t, "repo:1");
        t.Berth.Run("tag", "repo:1", "repo:2").Ok();
        Assert.Equal("Untagged: repo:1\n", t.Berth.Run("rmi", "repo:1").Ok().Stdout);
        Assert.Equal(["repo:2"], Setup.Names(t));
    }

    [Fact]
    public void Rmi_ByIdWithOneTag_RemovesWithoutForce()
    {
        using var t = new TestRoot();
        var id = Setup.ImportBusybox(t, "repo:1");
        var r = t.Berth.Run("rmi", id[7..19]).Ok();
        Assert.StartsWith($"Untagged: repo:1\nDeleted: {id}\n", r.Stdout);
        Assert.Equal("", t.Berth.Run("images", "-q").Ok().Stdout);
    }

    // Docker (isSingleReference) refuses an ID with two tags even of one repository, with the same message.
    [Theory]
    [InlineData("one:1", "two:1")]
    [InlineData("one:1", "one:2")]
    public void Rmi_ByIdWithSeveralTags_ConflictsUnlessForced(string first, string second)
    {
        using var t = new TestRoot();
        var id = Setup.ImportBusybox(t, first);
        t.Berth.Run("tag", first, second).Ok();
        var r = t.Berth.Run("rmi", id[7..19]);
        r.OneLineError();
        Assert.Equal($"Error: conflict: unable to delete {id[7..19]} (must be forced) - image is referenced in multiple repositories\n",
            r.Stderr);
        Assert.Equal([first, second], Setup.Names(t));

        var forced = t.Berth.Run("rmi", "-f", id[7..19]).Ok();
        Assert.StartsWith($"Untagged: {first}\nUntagged: {second}\nDeleted: {id}\n", forced.Stdout);
        Assert.Equal("", t.Berth.Run("images", "-q").Ok().Stdout);
    }

    [Fact]
    public void Rmi_Missing_IsNoSuchImage()
    {
        using var t = new TestRoot();
        var r = t.Berth.Run("rmi", "nope");
        r.OneLineError();
        Assert.Equal("Error: No such image: nope:latest\n", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void Rmi_SeveralWithOneMissing_RemovesTheOthersAndExits1()
    {
        using var t = new TestRoot();
        var a = Setup.ImportBusybox(t, "a:1");
        var b = Setup.ImportBusybox(t, "b:1");
        var r = t.Berth.Run("rmi", "a:1", "nope", "b:1");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("Error: No such image: nope:latest\n", r.Stderr);
        Assert.Contains($"Untagged: a:1\nDeleted: {a}\n", r.Stdout);
        Assert.Contains($"Untagged: b:1\nDeleted: {b}\n", r.Stdout);
        Assert.Equal("", t.Berth.Run("images", "-q").Ok().Stdout);
    }
}
