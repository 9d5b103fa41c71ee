namespace Berth.Cli.Tests.Containers;

/// <summary>More of run's flag families: namespaces shared with another container, signals, attach streams,
/// seccomp profiles, devices, sysctls, groups and capabilities, and faults such as a missing runtime.</summary>
public sealed class RunFlagTests : IDisposable
{
    private readonly ContainerHost _host = new();

    [Fact]
    public void Network_container_shares_the_other_containers_namespace()
    {
        _host.Detached("--name", "netowner", "--network", "none", ContainerHost.Image, "sleep", "100");
        var owner = _host.Run("exec", "netowner", "readlink", "/proc/self/ns/net").Ok().Stdout;
        var joined = _host.Run("run", "--rm", "--network", "container:netowner", ContainerHost.Image, "readlink", "/proc/self/ns/net").Ok().Stdout;
        Assert.Equal(owner, joined);
        _host.Run("run", "--rm", "--network", "container:ghost", ContainerHost.Image, "true").FailsWith(125, "No such container: ghost");
    }

    [Fact]
    public void The_stop_signal_is_what_stop_sends()
    {
        _host.Detached("--name", "graceful", "--stop-signal", "SIGUSR1", ContainerHost.Image, "sh", "-c", "trap 'exit 10' USR1; while true; do sleep 0.1; done");
        ContainerHost.Eventually(() => _host.Run("exec", "graceful", "true").ExitCode == 0, "the container to run");
        _host.Run("stop", "graceful").Ok();
        Assert.Equal("10", _host.Inspect("graceful", "{{.State.ExitCode}}"));
        _host.Run("run", "--stop-signal", "SIGNOPE", ContainerHost.Image, "true").FailsWith(125, "invalid signal");
    }

    [Fact]
    public void Always_restarts_until_stopped_by_the_user()
    {
        _host.Detached("--name", "phoenix", "--restart", "always", ContainerHost.Image, "sh", "-c", "sleep 0.2; exit 1");
        ContainerHost.Eventually(() => int.Parse(_host.Inspect("phoenix", "{{.RestartCount}}")) >= 2, "two restarts");
        _host.Run("stop", "-t", "1", "phoenix").Ok();
        Thread.Sleep(500);
        Assert.Equal("exited", _host.Inspect("phoenix", "{{.State.Status}}"));
        Assert.Empty(_host.Run("ps", "-q").Lines);
    }

    [Fact]
    public void Attach_selects_the_streams_shown()
    {
        var result = _host.Run("run", "--rm", "-a", "stdout", ContainerHost.Image, "sh", "-c", "echo to-out; echo to-err >&2").Ok();
        Assert.Equal("to-out\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        _host.Run("run", "-d", "-a", "stdout", ContainerHost.Image, "true").FailsWith(125, "Conflicting options: -a and -d");
    }

    [Fact]
    public void A_seccomp_profile_file_is_applied_and_unconfined_lifts_the_default()
    {
        var profile = _host.Root.WorkPath("no-mkdir.json");
        File.WriteAllText(profile, """
            {"defaultAction": "SCMP_ACT_ALLOW",
             "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}]}
            """);
        var denied = _host.Run("run", "--rm", "--security-opt", $"seccomp={profile}", ContainerHost.Image, "mkdir", "/tmp/x");
        Assert.NotEqual(0, denied.ExitCode);
        Assert.Contains("Operation not permitted", denied.Stderr);
        Assert.Contains("Seccomp:\t0", _host.Run("run", "--rm", "--security-opt", "seccomp=unconfined", ContainerHost.Image, "cat", "/proc/self/status").Ok().Stdout);
        Assert.Contains("Seccomp:\t2", _host.Run("run", "--rm", ContainerHost.Image, "cat", "/proc/self/status").Ok().Stdout);
        _host.Run("run", "--security-opt", "apparmor-please", ContainerHost.Image, "true").FailsWith(125, "security-opt");
    }

    [Fact]
    public void Devices_sysctls_groups_and_added_capabilities_apply()
    {
        Assert.StartsWith("c", _host.Run("run", "--rm", "--device", "/dev/null:/dev/mynull", ContainerHost.Image, "ls", "-l", "/dev/mynull").Ok().Stdout);
        Assert.Equal("1\n", _host.Run("run", "--rm", "--network", "none", "--sysctl", "net.ipv4.ip_forward=1", ContainerHost.Image, "cat", "/proc/sys/net/ipv4/ip_forward").Ok().Stdout);
        Assert.Contains("4242", _host.Run("run", "--rm", "--group-add", "4242", ContainerHost.Image, "id", "-G").Ok().Stdout);
        Assert.NotEqual(0, _host.Run("run", "--rm", ContainerHost.Image, "mount", "-t", "tmpfs", "none", "/mnt").ExitCode);
        _host.Run("run", "--rm", "--cap-add", "SYS_ADMIN", "--security-opt", "seccomp=unconfined", ContainerHost.Image, "sh", "-c", "mkdir -p /mnt && mount -t tmpfs none /mnt").Ok();
        _host.Run("run", "--rm", "--device", "/dev/no-such-device", ContainerHost.Image, "true").FailsWith(125, "/dev/no-such-device");
    }

    [Fact]
    public void An_oom_kill_is_recorded_in_the_state()
    {
        var result = _host.Run("run", "--name", "hog", "--memory", "16m", "--memory-swap", "16m", ContainerHost.Image,
            "sh", "-c", "x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo survived");
        Assert.Equal(137, result.ExitCode);
        Assert.Equal("true 137", _host.Inspect("hog", "{{.State.OOMKilled}} {{.State.ExitCode}}"));
    }

    [Fact]
    public void Runtime_picks_another_oci_runtime_from_path()
    {
        // Any binary with runc's command line will do; a renamed runc stands in for crun or youki.
        var bin = Path.Combine(_host.Root.Work, "bin");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "other-runtime"), "/usr/sbin/runc");
        var env = new Dictionary<string, string> { ["PATH"] = $"{bin}:/usr/sbin:/usr/bin:/sbin:/bin" };
        var result = _host.Berth.Exec(["run", "--name", "alt", "--runtime", "other-runtime", ContainerHost.Image, "echo", "via other"], env: env).Ok();
        Assert.Equal("via other\n", result.Stdout);
        Assert.Equal("other-runtime", _host.Inspect("alt", "{{.HostConfig.Runtime}}"));

        // Later commands find the runtime the container was created with, whatever their PATH.
        _host.Berth.Exec(["run", "-d", "--name", "alt-bg", "--runtime", "other-runtime", ContainerHost.Image, "sleep", "100"], env: env).Ok();
        _host.Run("exec", "alt-bg", "true").Ok();
        _host.Run("stop", "-t", "0", "alt-bg").Ok();
        Assert.Equal("exited", _host.Inspect("alt-bg", "{{.State.Status}}"));
    }

    [Fact]
    public void A_missing_runtime_is_a_clear_error_that_leaves_nothing()
    {
        var env = new Dictionary<string, string> { ["PATH"] = "/nonexistent" };
        var result = _host.Berth.Exec(["run", "--rm", ContainerHost.Image, "true"], env: env);
        result.FailsWith(125, "unknown or invalid runtime name: runc");
        Assert.Empty(_host.Run("ps", "-aq").Lines);
    }

    [Fact]
    public void Ps_filters_and_formats()
    {
        _host.Run("run", "--name", "done-ok", ContainerHost.Image, "true").Ok();
        _host.Run("run", "--name", "done-bad", ContainerHost.Image, "sh", "-c", "exit 3").FailsWith(3);
        var running = _host.Detached("--name", "still-up", ContainerHost.Image, "sleep", "100");
        Assert.Equal("done-bad", _host.Run("ps", "-a", "--filter", "exited=3", "--format", "{{.Names}}").Ok().Stdout.Trim());
        Assert.Equal("still-up", _host.Run("ps", "--filter", "name=still", "--format", "{{.Names}}").Ok().Stdout.Trim());
        Assert.Equal(3, _host.Run("ps", "-a", "--filter", $"ancestor={ContainerHost.Image}", "-q").Ok().Lines.Length);
        Assert.Equal(running, _host.Run("ps", "-l", "-q", "--no-trunc").Ok().Stdout.Trim());
        Assert.Equal(2, _host.Run("ps", "-n", "2", "-q").Ok().Lines.Length);
        var json = _host.Run("ps", "--format", "json").Ok().Stdout;
        Assert.Contains("\"Names\":\"still-up\"", json);
        Assert.Contains("\"State\":\"running\"", json);
        _host.Run("ps", "--filter", "status=sleeping").FailsWith(1, "invalid filter 'status=sleeping'");
    }

    [Fact]
    public void Logs_since_and_until_filter_by_time()
    {
        _host.Run("run", "--name", "timed", ContainerHost.Image, "echo", "early").Ok();
        Assert.Equal("", _host.Run("logs", "--since", "2099-01-01T00:00:00Z", "timed").Ok().Stdout);
        Assert.Equal("early\n", _host.Run("logs", "--since", "10m", "timed").Ok().Stdout);
        Assert.Equal("", _host.Run("logs", "--until", "2000-01-01T00:00:00Z", "timed").Ok().Stdout);
        _host.Run("logs", "--tail", "many", "timed").FailsWith(1, "tail");
    }

    public void Dispose() => _host.Dispose();
}
