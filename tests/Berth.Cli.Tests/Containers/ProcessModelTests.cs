using System.Diagnostics;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Containers;

/// <summary>
/// The monitor model: containers outlive the CLI and their monitor, the state stays true after kill -9 of either,
/// many runs go at once, and nothing is left behind (mounts, runtime state, cgroups, bundle directories).
/// </summary>
public sealed class ProcessModelTests : IDisposable
{
    private readonly ContainerHost _host = new();

    [Fact]
    public void Run_rm_leaves_nothing_behind()
    {
        _host.Run("run", "--rm", ContainerHost.Image, "true").Ok();
        _host.Run("run", "--rm", ContainerHost.Image, "no-such-command").FailsWith(127);
        Assert.Empty(_host.Run("ps", "-aq").Lines);
        AssertNothingLeft();
    }

    [Fact]
    public void A_run_whose_create_fails_leaves_no_monitor_behind()
    {
        // run starts the monitor before it creates the container; a failed create must end it before run returns.
        _host.Run("run", "--rm", "--pull", "never", "no-such-image", "true").FailsWith(125, "No such image");
        _host.Run("run", "-d", "--runtime", "no-such-runtime", ContainerHost.Image, "true").FailsWith(125, "no-such-runtime");
        Assert.DoesNotContain(Process.GetProcesses(), p => CommandLine(p.Id).Contains("container-monitor") && CommandLine(p.Id).Contains(_host.Root.StateRoot));
        Assert.Empty(Directory.GetFiles(Path.Combine(_host.Root.RunRoot, "containers")));
        AssertNothingLeft();
    }

    [Fact]
    public void A_run_killed_while_it_creates_leaves_no_monitor_and_no_monitor_log()
    {
        // A registry that accepts connections and never answers keeps run pulling after it started the monitor.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var psi = new ProcessStartInfo(_host.Berth.Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--root", _host.Root.StateRoot, "--runroot", _host.Root.RunRoot, "run", "--rm", "--pull", "always", $"127.0.0.1:{port}/none:latest", "true" })
            psi.ArgumentList.Add(arg);
        using var cli = Process.Start(psi)!;
        ContainerHost.Eventually(() => Monitors().Count > 0 || cli.HasExited, "the monitor to start");
        if (cli.HasExited) Assert.Fail("run ended before it was killed: " + cli.StandardError.ReadToEnd());
        Assert.Single(Directory.GetFiles(Path.Combine(_host.Root.RunRoot, "containers")));
        cli.Kill();
        cli.WaitForExit();
        ContainerHost.Eventually(() => Monitors().Count == 0, "the monitor to exit");
        ContainerHost.Eventually(() => Directory.GetFiles(Path.Combine(_host.Root.RunRoot, "containers")).Length == 0, "the monitor log to go");
    }

    private List<int> Monitors() =>
        Process.GetProcesses().Where(p => CommandLine(p.Id).Contains("container-monitor") && CommandLine(p.Id).Contains(_host.Root.StateRoot)).Select(p => p.Id).ToList();

    [Fact]
    public void Rm_after_a_stopped_run_leaves_nothing_behind()
    {
        var id = _host.Detached(ContainerHost.Image, "sleep", "100");
        _host.Run("rm", "-f", id).Ok();
        AssertNothingLeft();
        Assert.False(Directory.Exists($"/sys/fs/cgroup/memory/berth/{id}"), "the container's cgroup is gone");
    }

    [Fact]
    public void Killing_the_monitor_leaves_a_running_container_that_rm_f_cleans_up()
    {
        var id = _host.Detached(ContainerHost.Image, "sleep", "100");
        var monitor = MonitorPid(id);
        Process.GetProcessById(monitor).Kill();
        ContainerHost.Eventually(() => !Alive(monitor), "the monitor to die");
        Assert.Equal("running", _host.Inspect(id, "{{.State.Status}}"));
        Assert.Single(_host.Run("ps", "-q").Lines);
        _host.Run("rm", "-f", id).Ok();
        Assert.Empty(_host.Run("ps", "-aq").Lines);
        AssertNothingLeft();
    }

    [Fact]
    public void A_container_killed_from_outside_is_recorded_as_exited()
    {
        var id = _host.Detached(ContainerHost.Image, "sleep", "100");
        var pid = int.Parse(_host.Inspect(id, "{{.State.Pid}}"));
        Process.GetProcessById(pid).Kill();
        ContainerHost.Eventually(() => _host.Inspect(id, "{{.State.Status}}") == "exited", "the exit to be recorded");
        Assert.Equal("137", _host.Inspect(id, "{{.State.ExitCode}}"));
    }

    [Fact]
    public void Killing_the_monitor_and_the_container_is_reconciled_by_ps()
    {
        var id = _host.Detached(ContainerHost.Image, "sleep", "100");
        var monitor = MonitorPid(id);
        var pid = int.Parse(_host.Inspect(id, "{{.State.Pid}}"));
        Process.GetProcessById(monitor).Kill();
        ContainerHost.Eventually(() => !Alive(monitor), "the monitor to die");
        Process.GetProcessById(pid).Kill();
        ContainerHost.Eventually(() => !Alive(pid), "the container to die");
        Assert.Empty(_host.Run("ps", "-q").Lines);
        Assert.Equal("exited", _host.Inspect(id, "{{.State.Status}}"));
        _host.Run("rm", id).Ok();
        AssertNothingLeft();
    }

    [Fact]
    public void The_container_outlives_a_killed_foreground_cli()
    {
        var psi = new ProcessStartInfo(_host.Berth.Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--root", _host.Root.StateRoot, "--runroot", _host.Root.RunRoot, "run", "--name", "fg", ContainerHost.Image, "sh", "-c", "echo started; sleep 100" })
            psi.ArgumentList.Add(arg);
        using var cli = Process.Start(psi)!;
        Assert.Equal("started", cli.StandardOutput.ReadLine());
        cli.Kill();
        cli.WaitForExit();
        Assert.Equal("running", _host.Inspect("fg", "{{.State.Status}}"));
        Assert.Equal("started\n", _host.Run("logs", "fg").Stdout);
    }

    [Fact]
    public void Twenty_runs_at_once_all_succeed()
    {
        var results = Enumerable.Range(0, 20).AsParallel().WithDegreeOfParallelism(20)
            .Select(i => _host.Run("run", "--rm", ContainerHost.Image, "echo", $"n{i}")).ToList();
        foreach (var result in results) result.Ok();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"n{i}\n").Order(), results.Select(r => r.Stdout).Order());
        Assert.Empty(_host.Run("ps", "-aq").Lines);
        AssertNothingLeft();
    }

    private int MonitorPid(string id) =>
        Process.GetProcesses().Single(p => CommandLine(p.Id).Contains("container-monitor") && CommandLine(p.Id).Contains(id)).Id;

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");

    private void AssertNothingLeft()
    {
        Assert.DoesNotContain(TestRoot.MountsUnder(_host.Root.Dir), m => m.Contains("/containers/"));
        var runtimeState = Path.Combine(_host.Root.RunRoot, "runtime");
        Assert.True(!Directory.Exists(runtimeState) || Directory.GetDirectories(runtimeState).Length == 0, "runtime state left behind");
        var bundles = Path.Combine(_host.Root.RunRoot, "containers");
        Assert.True(!Directory.Exists(bundles) || Directory.GetDirectories(bundles).Length == 0, "bundle directories left behind");
        var containers = Path.Combine(_host.Root.StateRoot, "containers");
        Assert.True(!Directory.Exists(containers) || Directory.GetDirectories(containers).Length == 0, "container directories left behind");
    }

    public void Dispose() => _host.Dispose();
}
