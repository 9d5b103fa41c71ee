namespace Berth.Cli.Tests.Containers;

/// <summary>
/// Containers whose processes load docker's seccomp profile through berth's step, against the same containers
/// with the profile left to runc (BERTH_RUNTIME_SECCOMP=1): the command must start with the same credentials,
/// capability sets, no_new_privs and filter, and with nothing of the step left behind.
/// </summary>
public sealed class SeccompStepTests : IDisposable
{
    private const string Status = "grep -E '^(Cap|Seccomp|NoNewPrivs)' /proc/self/status";
    private static readonly Dictionary<string, string> RuntimeSeccomp = new() { ["BERTH_RUNTIME_SECCOMP"] = "1" };
    private readonly ContainerHost _host = new();

    [Theory]
    [InlineData("")]
    [InlineData("-u 1000")]
    [InlineData("-u 1000 --cap-add NET_ADMIN")]
    [InlineData("--cap-add SYS_ADMIN")]
    [InlineData("--cap-drop ALL")]
    [InlineData("--cap-drop SETPCAP")]
    [InlineData("--security-opt no-new-privileges")]
    public void Run_StartsTheCommandAsRuncWould(string flags)
    {
        string[] args = ["run", "--rm", .. Split(flags), ContainerHost.Image, "sh", "-c", Status];

        var step = _host.Run(args).Ok().Stdout;
        var runc = _host.Berth.Exec(args, env: RuntimeSeccomp).Ok().Stdout;

        Assert.Equal(runc, step);
        Assert.Contains("Seccomp:\t2", step);
        Assert.Contains("Seccomp_filters:\t1", step);
    }

    [Fact]
    public void TheStepIsUsed_AndTheSpecLeavesTheFilterToIt()
    {
        var id = _host.Detached(ContainerHost.Image, "sleep", "100");
        var spec = File.ReadAllText(Path.Combine(_host.Root.RunRoot, "containers", id, "config.json"));
        Assert.DoesNotContain("\"seccomp\"", spec);
        Assert.Contains("--berth-seccomp-step", spec);

        var runc = _host.Berth.Exec(["run", "-d", ContainerHost.Image, "sleep", "100"], env: RuntimeSeccomp).Ok().Stdout.Trim();
        Assert.Contains("\"seccomp\"", File.ReadAllText(Path.Combine(_host.Root.RunRoot, "containers", runc, "config.json")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-u 1000")]
    [InlineData("--privileged")]
    public void Exec_StartsTheProcessAsRuncWould(string flags)
    {
        var step = _host.Detached(ContainerHost.Image, "sleep", "100");
        var runc = _host.Berth.Exec(["run", "-d", ContainerHost.Image, "sleep", "100"], env: RuntimeSeccomp).Ok().Stdout.Trim();

        var viaStep = _host.Run(["exec", .. Split(flags), step, "sh", "-c", Status]).Ok().Stdout;
        var viaRunc = _host.Run(["exec", .. Split(flags), runc, "sh", "-c", Status]).Ok().Stdout;

        Assert.Equal(viaRunc, viaStep);
        Assert.Contains("Seccomp:\t2", viaStep);
    }

    [Fact]
    public void NoDescriptorOfTheStep_ReachesTheCommand()
    {
        var step = _host.Detached(ContainerHost.Image, "sleep", "100");
        var runc = _host.Berth.Exec(["run", "-d", ContainerHost.Image, "sleep", "100"], env: RuntimeSeccomp).Ok().Stdout.Trim();

        // ls lists its own descriptors: stdio and the directory it reads.
        const string Own = "0\n1\n2\n3\n";
        Assert.Equal(Own, _host.Run("run", "--rm", ContainerHost.Image, "ls", "/proc/self/fd").Ok().Stdout);
        Assert.Equal(Own, _host.Berth.Exec(["run", "--rm", ContainerHost.Image, "ls", "/proc/self/fd"], env: RuntimeSeccomp).Ok().Stdout);
        Assert.Equal(Own, _host.Run("exec", step, "ls", "/proc/self/fd").Ok().Stdout);
        Assert.Equal(Own, _host.Run("exec", runc, "ls", "/proc/self/fd").Ok().Stdout);
        Assert.DoesNotContain(Support.TestRoot.MountsUnder(_host.Root.RunRoot), m => m.Contains("seccomp-step", StringComparison.Ordinal));
    }

    [Fact]
    public void ACommandThatCannotStart_FailsAsWithRunc()
    {
        var id = _host.Detached(ContainerHost.Image, "sleep", "100");

        _host.Run("run", "--rm", ContainerHost.Image, "no-such-command").FailsWith(127, "exec: \"no-such-command\": executable file not found in $PATH");
        _host.Run("run", "--rm", ContainerHost.Image, "/etc").FailsWith(126, "exec: \"/etc\": permission denied");
        _host.Run("exec", id, "no-such-command").FailsWith(126, "exec: \"no-such-command\": executable file not found in $PATH");
        Assert.Equal(StartOfMissingCommand(RuntimeSeccomp), StartOfMissingCommand(null));
    }

    // What start reports for a command that is not there, and the state it leaves.
    private string StartOfMissingCommand(Dictionary<string, string>? env)
    {
        var created = _host.Berth.Exec(["create", ContainerHost.Image, "no-such-command"], env: env).Ok().Stdout.Trim();
        var start = _host.Berth.Exec(["start", created], env: env);
        return $"{start.ExitCode} {_host.Inspect(created, "{{.State.Status}} {{.State.ExitCode}}")}";
    }

    [Fact]
    public void BuildRunSteps_RunAsRuncWould()
    {
        var context = _host.Root.WorkPath("context");
        Directory.CreateDirectory(context);
        File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM {ContainerHost.Image}\nRUN {Status} > /status\n");

        string BuiltStatus(string tag, Dictionary<string, string>? env)
        {
            _host.Berth.Exec(["build", "-q", "--no-cache", "--network", "none", "-t", tag, context], env: env).Ok();
            return _host.Run("run", "--rm", tag, "cat", "/status").Ok().Stdout;
        }

        var step = BuiltStatus("step:1", null);
        Assert.Equal(BuiltStatus("runc:1", RuntimeSeccomp), step);
        Assert.Contains("Seccomp:\t2", step);
    }

    private static string[] Split(string flags) => flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose() => _host.Dispose();
}
