using Berth.Builder.Context;
using Berth.Builder.Dockerfile;
using Berth.Builder.Execution;
using Berth.Oci;

namespace Berth.Builder.Tests.Execution;

public sealed class BuildExecutorTests : IDisposable
{
    private readonly InMemoryBuildWorker _worker = new();
    private readonly string _context = Directory.CreateTempSubdirectory("berth-build-context-").FullName;
    private readonly List<BuildEvent> _events = [];

    public BuildExecutorTests()
    {
        _worker.Images["base"] = new BaseImage(Digest.Compute("base"u8), new ImageConfig
        {
            Architecture = "amd64",
            Os = "linux",
            Config = new ContainerConfig { Env = ["PATH=/bin"], Cmd = ["sh"], OnBuild = ["RUN echo triggered"] },
            History = [new HistoryEntry { CreatedBy = "base layer" }],
        }, [InMemoryBuildWorker.Layer("base")]);
    }

    private async Task<BuildOutcome> BuildAsync(string dockerfile, BuildOptions? options = null)
    {
        using var context = BuildContext.FromDirectory(_context, null);
        using var executor = new BuildExecutor(_worker, context, options ?? new BuildOptions(), new SyncProgress(_events), TimeProvider.System);
        return await executor.BuildAsync(DockerfileParser.Parse(dockerfile), CancellationToken.None);
    }

    [Fact]
    public async Task Independent_stages_run_at_the_same_time()
    {
        var started = 0;
        var both = new TaskCompletionSource();
        _worker.OnRun = async step =>
        {
            if (!step.Args[^1].StartsWith("stage", StringComparison.Ordinal)) return 0;
            if (Interlocked.Increment(ref started) == 2) both.SetResult();
            // A sequential executor never starts the second stage while the first waits here.
            await both.Task.WaitAsync(TimeSpan.FromSeconds(10));
            return 0;
        };
        await BuildAsync("FROM base AS a\nRUN stage a\nFROM base AS b\nRUN stage b\nFROM a\nRUN --mount=from=b,target=/b true\n");
        Assert.Equal(2, started);
    }

    [Fact]
    public async Task Args_are_scoped_to_their_stage_reach_RUN_and_show_in_its_history()
    {
        var outcome = await BuildAsync("ARG V=global\nFROM base\nARG V\nARG W=w\nENV E=$V\nRUN echo $V\n", new BuildOptions { BuildArgs = new Dictionary<string, string> { ["W"] = "given" } });
        var run = Assert.Single(_worker.Runs, r => r.Args[^1] == "echo $V");
        Assert.Contains("V=global", run.Env);
        Assert.Contains("W=given", run.Env);
        Assert.Contains("E=global", outcome.Config.Config!.Env!);
        Assert.DoesNotContain(outcome.Config.Config.Env!, e => e.StartsWith("W=", StringComparison.Ordinal));
        Assert.Equal("RUN |2 V=global W=given /bin/sh -c echo $V # buildkit", outcome.Config.History![^1].CreatedBy);
    }

    [Fact]
    public async Task Entrypoint_drops_an_inherited_cmd_but_keeps_one_set_in_the_stage()
    {
        var inherited = await BuildAsync("FROM base\nENTRYPOINT [\"app\"]\n");
        Assert.Null(inherited.Config.Config!.Cmd);
        var own = await BuildAsync("FROM base\nCMD [\"--flag\"]\nENTRYPOINT app --serve\n");
        Assert.Equal(["--flag"], own.Config.Config!.Cmd!);
        Assert.Equal(["/bin/sh", "-c", "app --serve"], own.Config.Config.Entrypoint!);
    }

    [Fact]
    public async Task Onbuild_triggers_of_the_base_run_first_and_are_not_inherited()
    {
        var outcome = await BuildAsync("FROM base\nONBUILD RUN echo mine\n");
        Assert.Contains(_worker.Runs, r => r.Args[^1] == "echo triggered");
        Assert.Equal(["RUN echo mine"], outcome.Config.Config!.OnBuild!);
    }

    [Fact]
    public async Task A_second_build_takes_every_step_from_the_cache_with_its_original_times()
    {
        File.WriteAllText(Path.Combine(_context, "f"), "content");
        const string dockerfile = "FROM base\nRUN make\nCOPY f /f\nENV A=1\n";
        var first = await BuildAsync(dockerfile);
        var runs = _worker.Runs.Count;
        await Task.Delay(1100);
        var second = await BuildAsync(dockerfile);
        Assert.Equal(runs, _worker.Runs.Count);
        Assert.Equal(first.Config.History!.Select(h => h.Created), second.Config.History!.Select(h => h.Created));
        Assert.Equal(first.Layers, second.Layers);
        File.WriteAllText(Path.Combine(_context, "f"), "changed");
        var third = await BuildAsync(dockerfile);
        Assert.Equal(runs, _worker.Runs.Count);
        Assert.NotEqual(first.Layers[^1], third.Layers[^1]);
    }

    [Fact]
    public async Task Scratch_starts_with_the_default_path_and_no_layers()
    {
        var outcome = await BuildAsync("FROM scratch\nLABEL a=b\n");
        Assert.Equal(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], outcome.Config.Config!.Env!);
        Assert.Empty(outcome.Layers);
        Assert.Equal("LABEL a=b", Assert.Single(outcome.Config.History!).CreatedBy);
    }

    [Fact]
    public async Task A_failing_run_stops_the_build_with_docker_wording()
    {
        _worker.OnRun = step => Task.FromResult(step.Args[^1] == "false" ? 2 : 0);
        var error = await Assert.ThrowsAsync<BerthException>(() => BuildAsync("FROM base\nRUN false\n"));
        Assert.Equal("process \"/bin/sh -c false\" did not complete successfully: exit code: 2", error.Message);
        Assert.Contains(_events, e => e.Kind == BuildEventKind.Failed && e.Line == 2);
    }

    [Fact]
    public async Task Unused_build_args_are_reported_and_proxy_args_never_are()
    {
        await BuildAsync("FROM base\n", new BuildOptions { BuildArgs = new Dictionary<string, string> { ["NOPE"] = "1", ["HTTP_PROXY"] = "x" } });
        var warning = Assert.Single(_events, e => e.Kind == BuildEventKind.Warning);
        Assert.Equal("[Warning] One or more build-args [NOPE] were not consumed", warning.Text);
    }

    public void Dispose()
    {
        _worker.Dispose();
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
