using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Images;

/// <summary>system df, system check and garbage collection of blobs and snapshots.</summary>
public sealed class SystemTests
{
    [Fact]
    public void SystemDf_CountsImagesAndSizes()
    {
        using var t = new TestRoot();
        var empty = t.Berth.Run("system", "df").Ok().Lines;
        Assert.Matches(@"^TYPE +TOTAL +ACTIVE +SIZE +RECLAIMABLE$", empty[0]);
        Assert.Matches(@"^Images +0 +0 +0B +0B$", empty[1]);
        Setup.ImportBusybox(t, "a:1");
        var one = t.Berth.Run("system", "df").Ok().Lines;
        Assert.Matches(@"^Images +1 +0 +[\d.]+[kM]B +[\d.]+[kM]B \(100%\)$", one[1]);
        Assert.Matches(@"^Containers +0 +0 +0B +0B$", one[2]);
    }

    [Fact]
    public void SystemCheck_CleanStore_ExitsZero()
    {
        using var t = new TestRoot();
        Assert.Equal(0, t.Berth.Run("system", "check").ExitCode);
        Setup.LoadStandard(t, 21, "a:1");
        var r = t.Berth.Run("system", "check").Ok();
        Assert.StartsWith("ok: ", r.Stdout);
        Assert.Equal("", t.Berth.Run("system", "check", "-q").Ok().Stdout);
    }

    [Fact]
    public void SystemCheck_CorruptBlob_IsReported()
    {
        using var t = new TestRoot();
        var image = Setup.LoadStandard(t, 22, "a:1");
        var blob = Path.Combine(t.StateRoot, "content", "blobs", "sha256", image.Id[7..]);
        Assert.True(File.Exists(blob), $"config blob at {blob}");
        File.WriteAllText(blob, "{}");
        var r = t.Berth.Run("system", "check");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(image.Id[7..19], r.Stdout + r.Stderr);
    }

    [Fact]
    public void RmiOfEverything_LeavesNoBlobsOrSnapshots()
    {
        using var t = new TestRoot();
        Setup.LoadStandard(t, 23, "a:1", "a:2");
        Setup.LoadStandard(t, 24, "b:1");
        Setup.ImportBusybox(t, "c:1");
        Assert.NotEmpty(Entries("content", "blobs", "sha256"));
        Assert.NotEmpty(Entries("snapshots", "overlay", "snapshots"));

        t.Berth.Run("rmi", "a:1", "a:2", "b:1", "c:1").Ok();
        Assert.Equal("", t.Berth.Run("images", "-aq").Ok().Stdout);
        Assert.Empty(Entries("content", "blobs", "sha256"));
        Assert.Empty(Entries("snapshots", "overlay", "snapshots"));
        Assert.Matches(@"(?m)^Images +0 +0 +0B +0B$", t.Berth.Run("system", "df").Ok().Stdout);
        Assert.Equal(0, t.Berth.Run("system", "check").ExitCode);

        string[] Entries(params string[] parts)
        {
            var dir = Path.Combine([t.StateRoot, .. parts]);
            return Directory.Exists(dir) ? Directory.GetFileSystemEntries(dir) : [];
        }
    }

    [Fact]
    public void SystemGc_OnCleanStore_KeepsImages()
    {
        using var t = new TestRoot();
        Setup.LoadStandard(t, 25, "a:1");
        t.Berth.Run("system", "gc").Ok();
        Assert.Equal(["a:1"], Setup.Names(t));
        Assert.Equal(0, t.Berth.Run("system", "check").ExitCode);
    }
}
