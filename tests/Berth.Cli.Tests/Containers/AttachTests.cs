using System.Diagnostics;

namespace Berth.Cli.Tests.Containers;

/// <summary><c>berth attach</c> to running containers, through their monitors.</summary>
public sealed class AttachTests : IDisposable
{
    // Echoes each line until "quit", then exits 3; with --no-stdin it never hears "quit" and keeps ticking.
    private const string Echo = "while :; do if read -t 0.2 l; then [ \"$l\" = quit ] && exit 3; echo got:$l; else echo tick; fi; done";

    private readonly ContainerHost _host = new();

    [Fact]
    public void Stdin_goes_through_attach_and_the_exit_code_comes_back()
    {
        _host.Detached("-i", "--name", "echoer", ContainerHost.Image, "sh", "-c", "while read l; do [ \"$l\" = quit ] && exit 3; echo got:$l; done");
        var attach = Start("attach", "echoer");
        attach.StandardInput.WriteLine("hello");
        attach.StandardInput.Flush();
        Assert.Equal("got:hello", ReadLine(attach));
        attach.StandardInput.WriteLine("again");
        attach.StandardInput.Flush();
        Assert.Equal("got:again", ReadLine(attach));
        attach.StandardInput.WriteLine("quit");
        attach.StandardInput.Flush();
        Assert.True(attach.WaitForExit(TimeSpan.FromSeconds(30)), "attach did not end with the container");
        Assert.Equal(3, attach.ExitCode);
        Assert.Equal("3", _host.Inspect("echoer", "{{.State.ExitCode}}"));
    }

    [Fact]
    public void Piped_stdin_is_delivered_before_the_attachment_ends()
    {
        _host.Detached("-i", "--name", "echoer", ContainerHost.Image, "sh", "-c", "while read l; do [ \"$l\" = quit ] && exit 3; echo got:$l; done");
        var result = _host.Berth.Exec(["attach", "echoer"], stdin: "one\ntwo\nquit\n"u8.ToArray());
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal("got:one\ngot:two\n", result.Stdout);
    }

    [Fact]
    public void No_stdin_keeps_input_from_the_container()
    {
        _host.Detached("-i", "--name", "ticker", ContainerHost.Image, "sh", "-c", Echo);
        var attach = Start("attach", "--no-stdin", "ticker");
        Assert.Equal("tick", ReadLine(attach));
        attach.StandardInput.WriteLine("quit");
        attach.StandardInput.Close();
        Thread.Sleep(1000);
        Assert.Equal("running", _host.Inspect("ticker", "{{.State.Status}}"));
        Assert.Equal("tick", ReadLine(attach));
        Assert.False(attach.HasExited);
        _host.Run("kill", "ticker").Ok();
        Assert.True(attach.WaitForExit(TimeSpan.FromSeconds(30)), "attach did not end with the container");
        Assert.Equal(137, attach.ExitCode);
    }

    [Fact]
    public void Detach_keys_leave_a_tty_container_running()
    {
        _host.Detached("-it", "--name", "shell", ContainerHost.Image, "sh");
        var result = _host.Berth.Exec(["attach", "shell"], stdin: [0x10, 0x11]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("running", _host.Inspect("shell", "{{.State.Status}}"));
        _host.Berth.Exec(["attach", "--detach-keys", "ctrl-x", "shell"], stdin: [0x18]).Ok();
        Assert.Equal("running", _host.Inspect("shell", "{{.State.Status}}"));
        _host.Run("attach", "--detach-keys", "ctrl-", "shell").OneLineError("ctrl-");
    }

    [Fact]
    public void Attaching_to_a_stopped_or_missing_container_fails()
    {
        _host.Run("create", "--name", "idle", ContainerHost.Image, "true").Ok();
        _host.Run("attach", "idle").OneLineError("You cannot attach to a stopped container, start it first");
        _host.Run("start", "idle").Ok();
        ContainerHost.Eventually(() => _host.Inspect("idle", "{{.State.Status}}") == "exited", "the container to exit");
        _host.Run("attach", "idle").OneLineError("You cannot attach to a stopped container, start it first");
        _host.Run("attach", "ghost").OneLineError("No such container: ghost");
    }

    // Started here, stopped and disposed in Dispose.
    private Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo(_host.Berth.Binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["--root", _host.Root.StateRoot, "--runroot", _host.Root.RunRoot, .. args]) psi.ArgumentList.Add(arg);
        psi.Environment.Remove("BERTH_ROOT");
        psi.Environment.Remove("BERTH_RUNROOT");
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start berth");
        _started.Add(process);
        return process;
    }

    private static string? ReadLine(Process process)
    {
        var line = process.StandardOutput.ReadLineAsync();
        Assert.True(line.Wait(TimeSpan.FromSeconds(30)), "no output from attach: " + (process.HasExited ? process.StandardError.ReadToEnd() : "still running"));
        return line.Result;
    }

    private readonly List<Process> _started = [];

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }
        _host.Dispose();
    }
}
