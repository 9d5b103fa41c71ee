using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Concurrency;

/// <summary>
/// Many berth processes on one root at once: loads of images sharing a base layer, tags, and removals of
/// images whose layer the loads are unpacking. Every command succeeds (or fails only with "No such image"),
/// and the store ends exactly as the commands say.
/// </summary>
public sealed class ParallelCommandsTests
{
    private const int Loads = 8;

    [Fact]
    public async Task ParallelLoadsTagsAndRmis_LeaveTheExpectedImages()
    {
        using var t = new TestRoot();
        Setup.ImportBusybox(t, "base:1");
        Setup.ImportBusybox(t, "victim:1", "--change", "ENV V=1");
        for (var i = 0; i < Loads; i++)
            t.Berth.Run("tag", "base:1", $"base:t{i}").Ok();

        var images = Enumerable.Range(0, Loads).Select(i => new ImageArchiveBuilder(100 + i)
            .Layer(BusyboxRootfs.Layer())
            .RandomLayer("extra", 2, (LayerCompression)(i % 3))
            .Build()).ToList();
        var archives = images.Select((image, i) => ImageArchiveBuilder.DockerArchive((image, [$"par/{i}:1", $"par/{i}:2"]))
            .WriteTo(t.WorkPath($"par-{i}.tar"))).ToList();

        var commands = new List<(string[] Args, bool MayBeMissing)>();
        for (var i = 0; i < Loads; i++)
        {
            commands.Add((["load", "-i", archives[i]], false));
            commands.Add((["tag", "base:1", $"tagged/{i}:1"], false));
            commands.Add((["rmi", $"base:t{i}"], false));
            commands.Add((["rmi", $"ghost/{i}"], true));
        }
        // Removing an image whose only layer the loads share must not pull that layer from under them.
        commands.Add((["rmi", "victim:1"], false));

        var results = await Task.WhenAll(commands
            .Select(c => Task.Run(() => (c, r: t.Berth.Exec(c.Args, timeout: TimeSpan.FromMinutes(5))))));
        foreach (var (c, r) in results)
        {
            if (c.MayBeMissing)
                Assert.True(r.ExitCode == 1 && r.Stderr == $"Error: No such image: {c.Args[1]}:latest\n", r.ToString());
            else
                Assert.True(r.ExitCode == 0 && r.Stderr == "", r.ToString());
        }

        var expected = new List<string> { "base:1" };
        for (var i = 0; i < Loads; i++)
            expected.AddRange([$"par/{i}:1", $"par/{i}:2", $"tagged/{i}:1"]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), Setup.Names(t));
        var check = t.Berth.Run("system", "check");
        Assert.True(check.ExitCode == 0, check.ToString());
        for (var i = 0; i < Loads; i++)
            Assert.Equal(images[i].Id + "\n", t.Berth.Run("images", "-q", "--no-trunc", $"par/{i}:1").Ok().Stdout);
        FsTree.AssertMatches(images[0].Expected, OverlayMount.MountImage(t, "par/0:1"));
        FsTree.AssertMatches(images[^1].Expected, OverlayMount.MountImage(t, $"par/{Loads - 1}:2"));
    }

    [Fact]
    public async Task ParallelRmiOfOneImage_OneWinsTheOthersSayNoSuchImage()
    {
        using var t = new TestRoot();
        Setup.LoadStandard(t, 120, "once:1");
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => t.Berth.Run("rmi", "once:1"))));
        Assert.Equal(1, results.Count(r => r.ExitCode == 0));
        foreach (var r in results.Where(r => r.ExitCode != 0))
            Assert.True(r.ExitCode == 1 && r.Stderr == "Error: No such image: once:1\n", r.ToString());
        Assert.Equal("", t.Berth.Run("images", "-aq").Ok().Stdout);
        Assert.Equal(0, t.Berth.Run("system", "check").ExitCode);
    }

    [Fact]
    public async Task ParallelRmiOfOneImage_LeavesNoBlobsOrSnapshots()
    {
        using var t = new TestRoot();
        var path = ImageArchiveBuilder.DockerArchive((ImageArchiveBuilder.Standard(122), ["once:1"])).WriteTo(t.WorkPath("a.tar"));
        for (var round = 0; round < 6; round++)
        {
            t.Berth.Run("load", "-i", path).Ok();
            await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => t.Berth.Run("rmi", "once:1"))));
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(t.StateRoot, "content", "blobs", "sha256")));
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(t.StateRoot, "snapshots", "overlay", "snapshots")));
        }
    }

    [Fact]
    public async Task ParallelLoadsOfTheSameArchive_StoreItOnce()
    {
        using var t = new TestRoot();
        var image = ImageArchiveBuilder.Standard(121);
        var path = ImageArchiveBuilder.OciArchive((image, ["same:1"])).WriteTo(t.WorkPath("same.tar"));
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => t.Berth.Exec(["load", "-i", path], timeout: TimeSpan.FromSeconds(90)))));
        foreach (var r in results)
            r.Ok();
        Assert.Equal(["same:1"], Setup.Names(t));
        Assert.Equal(0, t.Berth.Run("system", "check").ExitCode);
        FsTree.AssertMatches(image.Expected, OverlayMount.MountImage(t, "same:1"));
    }
}
