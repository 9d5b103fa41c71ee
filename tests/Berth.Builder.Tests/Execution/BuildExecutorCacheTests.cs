using Berth.Builder.Context;
using Berth.Builder.Dockerfile;
using Berth.Builder.Execution;
using Berth.Oci;

namespace Berth.Builder.Tests.Execution;

public sealed class BuildExecutorCacheTests : IDisposable
{
    private const string Dockerfile = "FROM base\nRUN make\nCOPY . /app/\nENV A=1\n";

    private readonly string _context = Directory.CreateTempSubdirectory("berth-build-context-").FullName;
    private readonly List<InMemoryBuildWorker> _workers = [];

    public BuildExecutorCacheTests()
    {
        File.WriteAllText(Path.Combine(_context, "f"), "content");
        Directory.CreateDirectory(Path.Combine(_context, "dir"));
        File.WriteAllText(Path.Combine(_context, "dir", "g"), new string('g', 200_000));
    }

    private InMemoryBuildWorker Worker(bool startedEmpty)
    {
        var worker = new InMemoryBuildWorker { CacheStartedEmpty = startedEmpty };
        worker.Images["base"] = new BaseImage(Digest.Compute("base"u8), new ImageConfig
        {
            Architecture = "amd64",
            Os = "linux",
            Config = new ContainerConfig { Env = ["PATH=/bin"] },
        }, [InMemoryBuildWorker.Layer("base")]);
        _workers.Add(worker);
        return worker;
    }

    private async Task<(BuildOutcome Outcome, List<BuildEvent> Events)> BuildAsync(IBuildWorker worker, BuildOptions? options = null)
    {
        var events = new List<BuildEvent>();
        using var context = BuildContext.FromDirectory(_context, null);
        using var executor = new BuildExecutor(worker, context, options ?? new BuildOptions(), new SyncProgress(events), TimeProvider.System);
        var outcome = await executor.BuildAsync(DockerfileParser.Parse(Dockerfile), CancellationToken.None);
        return (outcome, events);
    }

    [Fact]
    public async Task A_copy_on_a_cache_that_started_empty_is_not_looked_up_and_keyed_as_if_it_were()
    {
        var cold = Worker(startedEmpty: true);
        var warm = Worker(startedEmpty: false);
        var (fromCold, _) = await BuildAsync(cold);
        var (fromWarm, _) = await BuildAsync(warm);
        Assert.Equal(warm.Lookups - 1, cold.Lookups);
        Assert.Equal(fromWarm.Layers, fromCold.Layers);

        // The key stored after the copy is the one a later build looks up: every step comes from the cache.
        cold.CacheStartedEmpty = false;
        var runs = cold.Runs.Count;
        var (again, events) = await BuildAsync(cold);
        Assert.Equal(runs, cold.Runs.Count);
        Assert.Equal(fromCold.Layers, again.Layers);
        Assert.Contains(events, e => e.Kind == BuildEventKind.Cached && e.Name.Contains("COPY . /app/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_copy_built_with_no_cache_is_stored_under_the_key_a_later_build_looks_up()
    {
        var worker = Worker(startedEmpty: false);
        await BuildAsync(worker, new BuildOptions { NoCache = true });
        Assert.Equal(0, worker.Lookups);
        var (_, events) = await BuildAsync(worker);
        Assert.Contains(events, e => e.Kind == BuildEventKind.Cached && e.Name.Contains("COPY . /app/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_file_changes_the_key_taken_after_the_copy()
    {
        var worker = Worker(startedEmpty: true);
        var (first, _) = await BuildAsync(worker);
        File.WriteAllText(Path.Combine(_context, "f"), "changed");
        worker.CacheStartedEmpty = false;
        var (second, events) = await BuildAsync(worker);
        Assert.DoesNotContain(events, e => e.Kind == BuildEventKind.Cached && e.Name.Contains("COPY", StringComparison.Ordinal));
        Assert.NotEqual(first.Layers[^1], second.Layers[^1]);
    }

    public void Dispose()
    {
        foreach (var worker in _workers) worker.Dispose();
        Directory.Delete(_context, recursive: true);
    }

    private sealed class SyncProgress(List<BuildEvent> events) : IProgress<BuildEvent>
    {
        public void Report(BuildEvent value)
        {
            lock (events) events.Add(value);
        }
    }
}
