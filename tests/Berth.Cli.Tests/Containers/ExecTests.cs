namespace Berth.Cli.Tests.Containers;

/// <summary><c>berth exec</c> in running containers.</summary>
public sealed class ExecTests : IDisposable
{
    private readonly ContainerHost _host = new();
    private readonly string _id;

    public ExecTests()
    {
        _id = _host.Detached("--name", "target", "-e", "FROM_RUN=yes", "-w", "/tmp", ContainerHost.Image, "sleep", "100");
    }

    [Fact]
    public void Exec_runs_with_the_containers_environment_and_returns_the_exit_code()
    {
        var result = _host.Run("exec", "target", "sh", "-c", "echo $FROM_RUN; pwd; exit 5");
        Assert.Equal(5, result.ExitCode);
        Assert.Equal("yes\n/tmp\n", result.Stdout);
    }

    [Fact]
    public void User_workdir_and_env_flags_apply()
    {
        var result = _host.Run("exec", "-u", "alice", "-w", "/home/alice", "-e", "EXTRA=1", "target", "sh", "-c", "id -u; pwd; echo $EXTRA $FROM_RUN").Ok();
        Assert.Equal("1000\n/home/alice\n1 yes\n", result.Stdout);
    }

    [Fact]
    public void Stdin_reaches_the_process_with_i()
    {
        var result = _host.Berth.Exec(["exec", "-i", "target", "cat"], stdin: "through exec\n"u8.ToArray()).Ok();
        Assert.Equal("through exec\n", result.Stdout);
    }

    [Fact]
    public void Detached_exec_returns_at_once_and_its_process_runs()
    {
        _host.Run("exec", "-d", "target", "sh", "-c", "echo detached > /tmp/marker").Ok();
        ContainerHost.Eventually(() => _host.Run("exec", "target", "cat", "/tmp/marker").Stdout == "detached\n", "the detached exec");
    }

    [Fact]
    public void A_missing_command_is_an_error_with_dockers_code()
    {
        // docker's exec says 126 for a missing command too (run says 127).
        _host.Run("exec", "target", "no-such-command").FailsWith(126, "no-such-command", "executable file not found");
        _host.Run("exec", "target", "/etc").FailsWith(126, "permission denied");
        _host.Run("exec", "target", "sh", "-c", "no-such-command").FailsWith(127);
    }

    [Fact]
    public void Exec_into_a_stopped_or_missing_container_fails()
    {
        _host.Run("stop", "-t", "0", "target").Ok();
        _host.Run("exec", "target", "true").FailsWith(1, "is not running");
        _host.Run("exec", "ghost", "true").FailsWith(1, "No such container: ghost");
    }

    public void Dispose() => _host.Dispose();
}
