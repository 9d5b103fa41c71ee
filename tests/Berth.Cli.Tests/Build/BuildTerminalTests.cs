using System.Diagnostics;

namespace Berth.Cli.Tests.Build;

/// <summary>The live progress view berth shows when stderr is a terminal (util-linux's <c>script</c> gives it one).</summary>
public sealed class BuildTerminalTests
{
    [Fact]
    public void On_a_terminal_the_build_draws_BuildKits_live_view_and_ends_finished()
    {
        using var host = new BuildHost();
        host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN echo step output && sleep 0.3\nCOPY Dockerfile /df\n");
        var (exit, output) = InTerminal(host, $"build -t tty-view {host.Context}");
        Assert.Equal(0, exit);
        Assert.Contains("[+] Building", output);
        Assert.Contains("FINISHED", output);
        Assert.Contains("=> [2/3] RUN echo step output && sleep 0.3", output);
        Assert.Contains("=> exporting to image", output);
        Assert.DoesNotContain("#1 [internal]", output);

        host.Dockerfile($"FROM {BuildHost.BaseImage}\nRUN exit 4\n");
        var (failed, report) = InTerminal(host, $"build {host.Context}");
        Assert.Equal(1, failed);
        Assert.Contains("=> ERROR [2/2] RUN exit 4", report);
        Assert.Contains("ERROR: failed to solve: process \"/bin/sh -c exit 4\" did not complete successfully: exit code: 4", report);
    }

    private static (int Exit, string Output) InTerminal(BuildHost host, string berthArgs)
    {
        var command = $"stty rows 30 cols 160; {host.Root.Berth.Binary} --root {host.Root.StateRoot} --runroot {host.Root.RunRoot} {berthArgs}";
        var psi = new ProcessStartInfo("script", ["-qefc", command, "/dev/null"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        // script stops its child when its own stdin ends, so stdin stays open until the build is over.
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the build in a terminal did not end: " + output.Result);
        }
        process.StandardInput.Close();
        return (process.ExitCode, output.Result + process.StandardError.ReadToEnd());
    }
}
