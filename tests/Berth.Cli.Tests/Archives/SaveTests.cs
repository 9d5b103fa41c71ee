using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Archives;

public sealed class SaveTests
{
    [Theory]
    [InlineData("docker-archive")]
    [InlineData("oci-archive")]
    public void SaveRmiLoad_RoundTripKeepsIdNamesAndTree(string format)
    {
        using var t = new TestRoot();
        var image = Setup.LoadStandard(t, 51, "round:1", "round:2");
        var path = t.WorkPath("saved.tar");
        t.Berth.Run("save", "--format", format, "-o", path, "round:1", "round:2").Ok();
        t.Berth.Run("rmi", "round:1", "round:2").Ok();
        Assert.Equal("", t.Berth.Run("images", "-aq").Ok().Stdout);

        t.Berth.Run("load", "-i", path).Ok();
        Assert.Equal(["round:1", "round:2"], Setup.Names(t));
        LoadTests.AssertStored(t, image, "round:2");
        FsTree.AssertMatches(image.Expected, OverlayMount.MountImage(t, "round:1"));
    }

    [Fact]
    public void Save_ToStdoutAndToFile_AreTheSameBytes()
    {
        using var t = new TestRoot();
        Setup.LoadStandard(t, 52, "same:1");
        var path = t.WorkPath("saved.tar");
        t.Berth.Run("save", "-o", path, "same:1").Ok();
        var stdout = t.Berth.Run("image", "save", "same:1").Ok().StdoutBytes;
        Assert.True(File.ReadAllBytes(path).SequenceEqual(stdout), "save is deterministic: -o and stdout agree");
    }

    [Fact]
    public void Save_SeveralImages_LoadsIntoAnotherRoot()
    {
        using var t = new TestRoot();
        var a = Setup.LoadStandard(t, 53, "a:1");
        var b = Setup.LoadStandard(t, 54, "b:1", "b:2");
        var bytes = t.Berth.Run("save", "a:1", "b:1", "b:2").Ok().StdoutBytes;
        using var other = new TestRoot();
        other.Berth.Exec(["load"], stdin: bytes).Ok();
        Assert.Equal(["a:1", "b:1", "b:2"], Setup.Names(other));
        LoadTests.AssertStored(other, a, "a:1");
        LoadTests.AssertStored(other, b, "b:2");
    }

    [Fact]
    public void Save_ById_LoadsUntagged()
    {
        using var t = new TestRoot();
        var image = Setup.LoadStandard(t, 58, "byid:1");
        var bytes = t.Berth.Run("save", image.ShortId).Ok().StdoutBytes;
        using var other = new TestRoot();
        var r = other.Berth.Exec(["load"], stdin: bytes).Ok();
        Assert.EndsWith($"Loaded image ID: {image.Id}\n", r.Stdout);
        Assert.Equal("<none>:<none>\n", other.Berth.Run("images", "--format", "{{.Repository}}:{{.Tag}}").Ok().Stdout);
    }

    [Fact]
    public void Save_ToTerminal_IsRefused()
    {
        using var t = new TestRoot();
        Setup.LoadStandard(t, 55, "tty:1");
        // script(1) gives the command a pseudo-terminal as stdout.
        var cmd = $"'{t.Berth.Binary}' --root '{t.StateRoot}' --runroot '{t.RunRoot}' save tty:1";
        var r = Tool.Run("script", "-qec", cmd, "/dev/null");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("cowardly refusing to save to a terminal. Use the -o flag or redirect", r.Stdout);
        Assert.True(r.Stdout.Length < 1000, "no archive bytes went to the terminal");
    }

    [Fact]
    public void Save_MissingImage_FailsAndLeavesNoFile()
    {
        using var t = new TestRoot();
        Setup.LoadStandard(t, 56, "here:1");
        var path = t.WorkPath("out.tar");
        var r = t.Berth.Run("save", "-o", path, "here:1", "nope");
        r.OneLineError("No such image: nope");
        Assert.False(File.Exists(path), "no partial archive is left behind");
        Assert.DoesNotContain(Directory.GetFileSystemEntries(t.Work), f => !f.EndsWith("std-56.tar"));
    }

    [Fact]
    public void Save_UnknownFormat_IsRejected()
    {
        using var t = new TestRoot();
        Setup.LoadStandard(t, 57, "fmt:1");
        var r = t.Berth.Run("save", "--format", "zip", "-o", t.WorkPath("x.tar"), "fmt:1");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("zip", r.Stderr);
        Assert.False(File.Exists(t.WorkPath("x.tar")));
    }
}
