using Berth.Engine.Tests.Support;
using Berth.Engine.Volumes;

namespace Berth.Engine.Tests.Volumes;

/// <summary>Two engines on one root (two <c>berth</c> processes) creating and removing the same volumes.</summary>
public sealed class VolumeConcurrencyTests : IDisposable
{
    private readonly TempDirectory _root = new("berth-volumes-race-");
    private readonly TempDirectory _runRoot = new("berth-volumes-race-run-");

    private BerthEngine Open() => BerthEngine.Open(new EngineOptions { Root = _root.Path, RunRoot = _runRoot.Path });

    [Fact]
    public async Task ParallelCreatesOfOneName_AllSucceedWithOneVolume()
    {
        // One engine per task: an engine, like a berth process, holds one database connection.
        var engines = Enumerable.Range(0, 8).Select(_ => Open()).ToList();
        try
        {
            var names = await Task.WhenAll(engines.Select(e =>
                Task.Run(() => e.Volumes.CreateAsync(new VolumeCreateOptions { Name = "shared" }, CancellationToken.None))));
            Assert.All(names, v => Assert.Equal("shared", v.Name));
            Assert.Single(names.Select(v => v.CreatedAt).Distinct());
            Assert.Equal(["shared"], Directory.GetFileSystemEntries(Path.Combine(_root.Path, "volumes")).Select(Path.GetFileName));
            await Task.WhenAll(engines.Select(e => Task.Run(() => e.Volumes.RemoveAsync("shared", force: true, CancellationToken.None))));
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_root.Path, "volumes")));
        }
        finally
        {
            foreach (var engine in engines) engine.Dispose();
        }
    }

    public void Dispose()
    {
        _root.Dispose();
        _runRoot.Dispose();
    }
}
