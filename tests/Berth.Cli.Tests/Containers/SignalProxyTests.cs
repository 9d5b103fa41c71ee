using System.Diagnostics;

namespace Berth.Cli.Tests.Containers;

/// <summary>--sig-proxy: signals sent to a foreground <c>berth run</c> reach the container's process.</summary>
public sealed class SignalProxyTests : IDisposable
{
    private readonly ContainerHost _host = new();

    [Fact]
    public void Sigint_to_the_cli_is_forwarded_to_the_container()
    {
        var psi = new ProcessStartInfo(_host.Berth.Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "--root", _host.Root.StateRoot, "--runroot", _host.Root.RunRoot, "run", "--rm", ContainerHost.Image,
            "sh", "-c", "trap 'echo got-int; exit 5' INT; echo ready; while true; do sleep 0.1; done",
        })
            psi.ArgumentList.Add(arg);
        using var cli = Process.Start(psi)!;
        Assert.Equal("ready", cli.StandardOutput.ReadLine());
        Assert.Equal(0, kill(cli.Id, 2));
        Assert.True(cli.WaitForExit(TimeSpan.FromSeconds(20)), "the run ends once the container handled SIGINT");
        Assert.Equal(5, cli.ExitCode);
        Assert.Equal("got-int", cli.StandardOutput.ReadLine());
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    public void Dispose() => _host.Dispose();
}
