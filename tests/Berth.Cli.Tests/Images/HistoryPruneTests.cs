using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Images;

public sealed class HistoryPruneTests
{
    [Fact]
    public void History_ListsLayersNewestFirst()
    {
        using var t = new TestRoot();
        var image = Setup.LoadStandard(t, 11, "hist:1");
        Assert.Equal(["layer 2", "layer 1", "layer 0"],
            t.Berth.Run("history", "--format", "{{.CreatedBy}}", "hist:1").Ok().Lines);
        var table = t.Berth.Run("history", "hist:1").Ok().Lines;
        Assert.Matches(@"^IMAGE +CREATED +CREATED BY +SIZE +COMMENT$", table[0]);
        Assert.StartsWith(image.ShortId + " ", table[1]);
        Assert.StartsWith("<missing> ", table[2]);
        Assert.Equal(4, table.Length);
        Assert.Equal([image.ShortId, "<missing>", "<missing>"], t.Berth.Run("history", "-q", "hist:1").Ok().Lines);
    }

    [Fact]
    public void History_Missing_IsNoSuchImage()
    {
        using var t = new TestRoot();
        t.Berth.Run("history", "nope").OneLineError("No such image: nope");
    }

    [Fact]
    public void Prune_RemovesOnlyDanglingImages()
    {
        using var t = new TestRoot();
        var dangling = t.Berth.Exec(["import", "-"], stdin: BusyboxRootfs.Layer().ToTar()).Ok().Stdout.Trim();
        var kept = Setup.ImportBusybox(t, "kept:1");
        var r = t.Berth.Run("image", "prune", "-f").Ok();
        Assert.StartsWith($"Deleted Images:\ndeleted: {dangling}\n", r.Stdout);
        Assert.Contains("Total reclaimed space: ", r.Stdout);
        Assert.Equal([kept], t.Berth.Run("images", "-q", "--no-trunc").Ok().Lines);
        Assert.Equal("Total reclaimed space: 0B\n", t.Berth.Run("image", "prune", "-f").Ok().Stdout);
    }

    [Fact]
    public void PruneAll_RemovesEveryUnusedImage()
    {
        using var t = new TestRoot();
        Setup.ImportBusybox(t, "a:1");
        Setup.LoadStandard(t, 12, "b:1");
        var r = t.Berth.Run("image", "prune", "-a", "-f").Ok();
        Assert.StartsWith("Deleted Images:\n", r.Stdout);
        Assert.Contains("untagged: a:1\n", r.Stdout);
        Assert.Contains("untagged: b:1\n", r.Stdout);
        Assert.Equal("", t.Berth.Run("images", "-aq").Ok().Stdout);
        Assert.Equal(0, t.Berth.Run("system", "check").ExitCode);
    }

    [Fact]
    public void Prune_WithoutForce_AsksAndNoMeansNo()
    {
        using var t = new TestRoot();
        t.Berth.Exec(["import", "-"], stdin: BusyboxRootfs.Layer().ToTar()).Ok();
        var r = t.Berth.Exec(["image", "prune"], stdin: "n\n"u8.ToArray());
        Assert.Contains("WARNING! This will remove all dangling images.", r.Stdout);
        Assert.Contains("Are you sure you want to continue? [y/N]", r.Stdout);
        Assert.Single(t.Berth.Run("images", "-q").Ok().Lines);
    }
}
