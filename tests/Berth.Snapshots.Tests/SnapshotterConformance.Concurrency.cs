using System.Diagnostics;
using Berth.Oci;

namespace Berth.Snapshots.Tests;

public abstract partial class SnapshotterConformance
{
    private const int Layers = 3;

    /// <summary>The name of this driver in <see cref="Snapshotters"/>, for the worker processes.</summary>
    protected abstract string DriverName { get; }

    /// <summary>
    /// Unpacks the same three-layer chain the way every puller does: skip what exists, else prepare, write,
    /// commit, and on AlreadyExists (someone was faster) drop the own active snapshot. Content depends only on
    /// the layer, so whoever wins, the result is the same.
    /// </summary>
    internal static void UnpackChain(ISnapshotter snapshotter)
    {
        string? parent = null;
        for (var layer = 1; layer <= Layers; layer++)
        {
            var name = "chain-" + layer;
            if (snapshotter.Stat(name) is null)
            {
                var key = "extract-" + Guid.NewGuid().ToString("N");
                var writable = snapshotter.Prepare(key, parent).WritableDirectory()!;
                for (var file = 0; file < 20; file++)
                {
                    File.WriteAllText(Path.Combine(writable, $"layer{layer}-{file}"), new string('x', layer * 1000));
                }

                try
                {
                    snapshotter.Commit(name, key);
                }
                catch (BerthException e) when (e.Kind == ErrorKind.AlreadyExists)
                {
                    snapshotter.Remove(key);
                }
            }

            parent = name;
        }
    }

    private void AssertOneChainAndNothingElse()
    {
        var all = Snapshotter.Walk().ToList();
        Assert.Equal(["chain-1", "chain-2", "chain-3"], all.Select(s => s.Key).Order());
        Assert.All(all, s => Assert.Equal(SnapshotKind.Committed, s.Kind));
        Assert.Null(Snapshotter.Stat("chain-1")!.Parent);
        Assert.Equal("chain-1", Snapshotter.Stat("chain-2")!.Parent);
        Assert.Equal("chain-2", Snapshotter.Stat("chain-3")!.Parent);
        for (var layer = 1; layer <= Layers; layer++)
        {
            Assert.InRange(Snapshotter.Usage("chain-" + layer), 20 * layer * 1000, 20 * (layer * 1000 + 4096) + 8192);
        }

        var before = Snapshotter.Walk().Count();
        Snapshotter.Cleanup();
        Assert.Equal(before, Snapshotter.Walk().Count());
    }

    [Fact]
    public async Task ManyTasks_UnpackingTheSameChain_EndWithOneChain()
    {
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(() => UnpackChain(Open(Root))));
        await Task.WhenAll(tasks);

        AssertOneChainAndNothingElse();
    }

    [Fact]
    public async Task ManyProcesses_UnpackingTheSameChain_EndWithOneChain()
    {
        var workers = Enumerable.Range(0, 8).Select(_ => StartWorker(DriverName, Root)).ToList();
        foreach (var worker in workers)
        {
            using (worker)
            {
                var stderr = worker.StandardError.ReadToEndAsync();
                await worker.WaitForExitAsync();
                Assert.True(worker.ExitCode == 0, $"worker failed ({worker.ExitCode}): {await stderr}");
            }
        }

        AssertOneChainAndNothingElse();
    }

    /// <summary>Runs this test assembly's <see cref="Program"/> as a separate process.</summary>
    private static Process StartWorker(string driver, string directory)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["exec", typeof(Program).Assembly.Location, "unpack-chain", driver, directory])
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start the worker process");
    }
}
