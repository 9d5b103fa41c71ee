using System.Diagnostics;
using System.Text;

namespace Berth.Cli.Tests.Containers;

/// <summary>
/// <c>-t</c> containers driven through a real terminal: util-linux's <c>script</c> gives berth a pty as its
/// stdin and stdout, the way a user's terminal does.
/// </summary>
public sealed class TerminalTests : IDisposable
{
    private readonly ContainerHost _host = new();

    [Fact]
    public void A_tty_container_gets_a_pty_with_the_terminals_size()
    {
        var (exit, output) = InTerminal("run -t --rm bb:latest sh -c 'tty; stty size; echo $TERM'", input: [(3000, "")]);
        Assert.Equal(0, exit);
        Assert.Contains("/dev/pts/0", output);
        Assert.Contains("30 100", output);
        Assert.Contains("xterm", output);
    }

    [Fact]
    public void An_interactive_shell_reads_the_keyboard_and_exits_with_its_code()
    {
        var (exit, output) = InTerminal("run -it --rm bb:latest sh", input: [(500, "echo typed-$((40+2))\n"), (300, "exit 3\n")]);
        Assert.Equal(3, exit);
        Assert.Contains("typed-42", output);
    }

    [Fact]
    public void Ctrl_c_interrupts_the_foreground_program_and_ctrl_d_ends_the_shell()
    {
        var (exit, output) = InTerminal("run -it --rm bb:latest sh",
            input: [(800, "sleep 100\n"), (500, "\u0003"), (300, "echo after-$((1+1))\n"), (300, "\u0004")]);
        Assert.Equal(0, exit);
        Assert.Contains("after-2", output);
    }

    [Fact]
    public void Ctrl_p_ctrl_q_detaches_and_leaves_the_container_running()
    {
        var (exit, _) = InTerminal("run -it --name detachable bb:latest sh", input: [(800, "\u0010\u0011")]);
        Assert.Equal(0, exit);
        Assert.Equal("running", _host.Inspect("detachable", "{{.State.Status}}"));
    }

    [Fact]
    public void A_tty_containers_output_is_logged()
    {
        _host.Run("run", "-t", "--name", "logged", ContainerHost.Image, "echo", "through the pty").Ok();
        Assert.Equal("through the pty\r\n", _host.Run("logs", "logged").Ok().Stdout);
    }

    [Fact]
    public void Exec_with_a_tty_gets_a_pty_with_the_terminals_size_and_reads_the_keyboard()
    {
        _host.Run("run", "-d", "--name", "target", ContainerHost.Image, "sleep", "100").Ok();

        var (exit, output) = InTerminal("exec -it target sh", input: [(500, "tty; stty size; echo typed-$((40+2))\n"), (300, "exit 3\n")]);

        Assert.Equal(3, exit);
        Assert.Contains("/dev/pts/", output);
        Assert.Contains("30 100", output);
        Assert.Contains("typed-42", output);
    }

    [Fact]
    public void Exec_with_a_tty_but_no_terminal_of_its_own_still_runs_and_tells_the_exit_code()
    {
        _host.Run("run", "-d", "--name", "target", ContainerHost.Image, "sleep", "100").Ok();

        Assert.StartsWith("/dev/pts/", _host.Run("exec", "-t", "target", "tty").Ok().Stdout);
        _host.Run("exec", "-t", "target", "sh", "-c", "exit 4").FailsWith(4);
        _host.Run("exec", "-t", "target", "no-such-command").FailsWith(126, "executable file not found");
    }

    [Fact]
    public void A_detached_exec_with_a_tty_keeps_its_terminal_after_berth_exits()
    {
        _host.Run("run", "-d", "--name", "target", ContainerHost.Image, "sleep", "100").Ok();

        _host.Run("exec", "-d", "-t", "target", "sh", "-c", "tty > /tmp/ttyname; sleep 1; echo still-here > /tmp/done").Ok();

        ContainerHost.Eventually(() => _host.Run("exec", "target", "cat", "/tmp/done").Stdout == "still-here\n", "the detached exec to finish");
        Assert.StartsWith("/dev/pts/", _host.Run("exec", "target", "cat", "/tmp/ttyname").Ok().Stdout);
    }

    // Runs berth inside `script`, which allocates a pty (set to 30x100 first) and copies our stdin into it.
    // script ends only once its own stdin ends (and then kills what still runs), so stdin is closed after a pause.
    private (int Exit, string Output) InTerminal(string berthArgs, (int DelayMs, string Text)[] input)
    {
        var command = $"stty rows 30 cols 100; {_host.Berth.Binary} --root {_host.Root.StateRoot} --runroot {_host.Root.RunRoot} {berthArgs}";
        var psi = new ProcessStartInfo("script", ["-qefc", command, "/dev/null"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        foreach (var (delay, text) in input)
        {
            Thread.Sleep(delay);
            process.StandardInput.Write(text);
            process.StandardInput.Flush();
        }
        Thread.Sleep(1500);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the terminal session did not end: " + output.Result);
        }
        return (process.ExitCode, output.Result + process.StandardError.ReadToEnd());
    }

    public void Dispose() => _host.Dispose();
}
