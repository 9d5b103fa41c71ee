using System.Diagnostics;
using Berth.Networking.Bridge;

namespace Berth.Networking.Tests.Bridge;

/// <summary>
/// The FORWARD accept rules against real iptables, inside a network namespace of the test's own (iptables
/// tables are per namespace), where FORWARD's policy is DROP as dockerd leaves it.
/// </summary>
public sealed class ForwardRulesTests
{
    private const string Chain = "BERTH-test";

    /// <summary>Runs tools inside the namespace of one process, through nsenter.</summary>
    private sealed class NamespaceTools(int pid) : IToolRunner
    {
        public async Task<ToolResult> RunAsync(string tool, IReadOnlyList<string> args, string? stdin, CancellationToken ct)
        {
            var start = new ProcessStartInfo("nsenter") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in (string[])[$"--net=/proc/{pid}/ns/net", tool, .. args]) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            await process.StandardInput.WriteAsync(stdin ?? "");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return new ToolResult(process.ExitCode, await stdout, await stderr);
        }
    }

    [Fact]
    public void Render_states_the_whole_chain_and_jumps_to_it_once()
    {
        var script = ForwardRules.Render(Chain, ["br-a"], hasJump: false);
        Assert.Equal("*filter\n:BERTH-test - [0:0]\n-A BERTH-test -i br-a -j ACCEPT\n-A BERTH-test -o br-a -j ACCEPT\n-I FORWARD 1 -j BERTH-test\nCOMMIT\n", script);
        Assert.DoesNotContain("-I FORWARD", ForwardRules.Render(Chain, ["br-a"], hasJump: true));
        Assert.Equal("*filter\n:BERTH-test - [0:0]\n-D FORWARD -j BERTH-test\n-X BERTH-test\nCOMMIT\n", ForwardRules.Render(Chain, [], hasJump: true));
    }

    [Fact]
    public async Task Sync_accepts_the_bridges_under_a_drop_policy_then_removes_everything()
    {
        using var holder = Process.Start("unshare", ["-n", "sleep", "30"])!;
        try
        {
            WaitForNamespace(holder.Id);
            var tools = new NamespaceTools(holder.Id);
            Assert.True((await tools.RunAsync("iptables", ["-w", "-P", "FORWARD", "DROP"], null, CancellationToken.None)).Succeeded);
            var rules = new ForwardRules(tools);

            await rules.SyncAsync(Chain, ["br-one", "br-two"], CancellationToken.None);
            await rules.SyncAsync(Chain, ["br-two"], CancellationToken.None);
            var listing = (await tools.RunAsync("iptables", ["-w", "-S"], null, CancellationToken.None)).Stdout;
            Assert.Single(listing.Split('\n'), l => l == $"-A FORWARD -j {Chain}");
            Assert.Contains($"-A {Chain} -i br-two -j ACCEPT", listing);
            Assert.Contains($"-A {Chain} -o br-two -j ACCEPT", listing);
            Assert.DoesNotContain("br-one", listing);

            await rules.SyncAsync(Chain, [], CancellationToken.None);
            listing = (await tools.RunAsync("iptables", ["-w", "-S"], null, CancellationToken.None)).Stdout;
            Assert.DoesNotContain(Chain, listing);
            Assert.Contains("-P FORWARD DROP", listing);
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }
    }

    private static void WaitForNamespace(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (File.ResolveLinkTarget($"/proc/{pid}/ns/net", false)?.Name == File.ResolveLinkTarget("/proc/self/ns/net", false)?.Name)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(5)) throw new TimeoutException("unshare did not create a namespace");
            Thread.Sleep(10);
        }
    }
}
