namespace Berth.Cli.Tests.Containers;

/// <summary>Detached containers through their lifecycle: ps, logs, stop, kill, restart, pause, rename, wait, inspect, rm.</summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly ContainerHost _host = new();

    [Fact]
    public void A_detached_container_is_listed_logged_stopped_and_removed()
    {
        var id = _host.Detached("--name", "web", "-l", "tier=front", ContainerHost.Image, "sh", "-c", "echo ready; trap 'echo bye; exit 0' TERM; while true; do sleep 0.1; done");
        Assert.Equal(64, id.Length);
        ContainerHost.Eventually(() => _host.Run("logs", "web").Stdout == "ready\n", "the first log line");
        var ps = _host.Run("ps").Ok();
        Assert.Contains("web", ps.Stdout);
        Assert.StartsWith("CONTAINER ID   IMAGE", ps.Stdout);
        Assert.Equal(id[..12], _host.Run("ps", "-q", "--filter", "label=tier=front").Ok().Stdout.Trim());
        Assert.Equal("running true", _host.Inspect("web", "{{.State.Status}} {{.State.Running}}"));

        Assert.Equal("web\n", _host.Run("stop", "web").Ok().Stdout);
        Assert.Equal("exited 0", _host.Inspect("web", "{{.State.Status}} {{.State.ExitCode}}"));
        Assert.Equal("ready\nbye\n", _host.Run("logs", "web").Stdout);
        Assert.Empty(_host.Run("ps", "-q").Lines);
        Assert.Single(_host.Run("ps", "-aq", "--filter", "status=exited").Lines);

        _host.Run("rm", "web").Ok();
        _host.Run("inspect", "web").FailsWith(1, "No such object: web");
    }

    [Fact]
    public void Stop_kills_after_the_timeout_when_the_signal_is_ignored()
    {
        _host.Detached("--name", "stubborn", ContainerHost.Image, "sleep", "100");
        _host.Run("stop", "-t", "1", "stubborn").Ok();
        Assert.Equal("137", _host.Inspect("stubborn", "{{.State.ExitCode}}"));
    }

    [Fact]
    public void Kill_sends_the_signal_asked_for()
    {
        _host.Detached("--name", "kk", ContainerHost.Image, "sh", "-c", "trap 'exit 42' USR1; while true; do sleep 0.1; done");
        ContainerHost.Eventually(() => _host.Run("exec", "kk", "true").ExitCode == 0, "the container to run");
        _host.Run("kill", "-s", "USR1", "kk").Ok();
        Assert.Equal("42", _host.Run("wait", "kk").Ok().Stdout.Trim());
        _host.Run("kill", "kk").FailsWith(1, "is not running");
    }

    [Fact]
    public void Rm_refuses_a_running_container_unless_forced()
    {
        _host.Detached("--name", "busy", ContainerHost.Image, "sleep", "100");
        _host.Run("rm", "busy").FailsWith(1, "container is running: stop the container before removing or force remove");
        _host.Run("rm", "-f", "busy").Ok();
        Assert.Empty(_host.Run("ps", "-aq").Lines);
    }

    [Fact]
    public void On_failure_restarts_up_to_the_limit()
    {
        _host.Detached("--name", "flaky", "--restart", "on-failure:2", ContainerHost.Image, "sh", "-c", "echo attempt; exit 1");
        ContainerHost.Eventually(() => _host.Inspect("flaky", "{{.State.Status}} {{.RestartCount}}") == "exited 2", "two restarts");
        Assert.Equal(3, _host.Run("logs", "flaky").Lines.Length);
    }

    [Fact]
    public void Pause_and_unpause_freeze_the_container()
    {
        _host.Detached("--name", "pz", ContainerHost.Image, "sleep", "100");
        _host.Run("pause", "pz").Ok();
        Assert.Equal("paused true", _host.Inspect("pz", "{{.State.Status}} {{.State.Paused}}"));
        Assert.Contains("(Paused)", _host.Run("ps").Stdout);
        _host.Run("pause", "pz").FailsWith(1, "already paused");
        _host.Run("unpause", "pz").Ok();
        Assert.Equal("running", _host.Inspect("pz", "{{.State.Status}}"));
    }

    [Fact]
    public void Rename_and_restart_keep_the_container()
    {
        var id = _host.Detached("--name", "before", ContainerHost.Image, "sleep", "100");
        _host.Run("rename", "before", "after").Ok();
        Assert.Equal("/after", _host.Inspect(id, "{{.Name}}"));
        var firstPid = _host.Inspect("after", "{{.State.Pid}}");
        _host.Run("restart", "-t", "0", "after").Ok();
        Assert.Equal("running", _host.Inspect("after", "{{.State.Status}}"));
        Assert.NotEqual(firstPid, _host.Inspect("after", "{{.State.Pid}}"));
    }

    [Fact]
    public void Inspect_is_docker_shaped()
    {
        var id = _host.Run("create", "--name", "shape", "-e", "A=1", ContainerHost.Image, "echo", "x").Ok().Stdout.Trim();
        Assert.Equal($"{id} /shape created echo [x] bb:latest", _host.Inspect("shape", "{{.Id}} {{.Name}} {{.State.Status}} {{.Path}} {{.Args}} {{.Config.Image}}"));
        Assert.Contains("A=1", _host.Inspect("shape", "{{json .Config.Env}}"));
        Assert.Equal("overlay", _host.Inspect("shape", "{{.GraphDriver.Name}}"));
        Assert.Equal("0001-01-01T00:00:00Z", _host.Inspect("shape", "{{.State.StartedAt}}"));
    }

    [Fact]
    public void Logs_follow_ends_when_the_container_exits_and_tail_counts_from_the_end()
    {
        _host.Detached("--name", "counter", ContainerHost.Image, "sh", "-c", "for i in 1 2 3 4 5; do echo $i; sleep 0.2; done");
        var followed = _host.Run("logs", "-f", "counter").Ok();
        Assert.Equal("1\n2\n3\n4\n5\n", followed.Stdout);
        Assert.Equal("4\n5\n", _host.Run("logs", "--tail", "2", "counter").Ok().Stdout);
        var stamped = _host.Run("logs", "-t", "--tail", "1", "counter").Ok().Stdout;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z 5\n$", stamped);
    }

    [Fact]
    public void Prune_removes_stopped_containers_only()
    {
        _host.Run("run", ContainerHost.Image, "true").Ok();
        _host.Detached("--name", "alive", ContainerHost.Image, "sleep", "100");
        var df = _host.Run("system", "df", "--format", "{{.Type}} {{.TotalCount}} {{.Active}}").Ok().Lines;
        Assert.Contains("Containers 2 1", df);
        var prune = _host.Run("container", "prune", "-f").Ok();
        Assert.StartsWith("Deleted Containers:\n", prune.Stdout);
        Assert.Equal("alive", _host.Run("ps", "-a", "--format", "{{.Names}}").Ok().Stdout.Trim());
    }

    [Fact]
    public void Unknown_containers_are_reported_with_dockers_text()
    {
        _host.Run("stop", "ghost").FailsWith(1, "No such container: ghost");
        _host.Run("logs", "ghost").FailsWith(1, "No such container: ghost");
        _host.Run("ps", "--filter", "colour=blue").FailsWith(1, "invalid filter 'colour'");
    }

    public void Dispose() => _host.Dispose();
}
