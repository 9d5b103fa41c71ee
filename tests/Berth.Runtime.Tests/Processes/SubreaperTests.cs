using System.Diagnostics;
using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Processes;

namespace Berth.Runtime.Tests.Processes;

[Collection(SubreaperCollection.Name)]
public sealed class SubreaperTests(SubreaperFixture fixture)
{
    private readonly ChildReaper _reaper = fixture.Reaper;

    [Fact]
    public void BecomeSubreaper_SetsTheProcessFlag()
    {
        Assert.True(_reaper.IsSubreaper);
        Assert.True(ProcessControl.IsChildSubreaper());
    }

    [Fact]
    public async Task WaitAsync_OrphanedGrandchild_IsAdoptedAndReaped()
    {
        var orphan = await StartOrphanAsync("sleep 0.3; exit 5");
        var status = await _reaper.WaitAsync(orphan, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ExitStatus.Exited(5), status);
    }

    [Fact]
    public async Task WaitAsync_OrphanReapedBeforeAnyoneWaited_ReturnsTheRememberedStatus()
    {
        // It outlives its parent briefly, so it is adopted alive and reaped by the loop before anyone asks for it.
        var orphan = await StartOrphanAsync("sleep 0.1; exit 6");
        await WaitUntilAsync(() => !_reaper.IsReaping);

        var clock = Stopwatch.StartNew();
        var status = await _reaper.WaitAsync(orphan, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ExitStatus.Exited(6), status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");

        // Handed out once, then forgotten: the pid is no child of ours any more.
        var e = await Assert.ThrowsAsync<BerthException>(() => _reaper.WaitAsync(orphan, CancellationToken.None));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task ReapThread_StopsWhenNoChildrenAreLeft_AndRestartsForTheNextWait()
    {
        for (var round = 0; round < 3; round++)
        {
            var (status, output) = await SpawnRunner.ShellAsync(_reaper, $"echo round {round}; exit {round}");
            Assert.Equal($"round {round}\n", output);
            Assert.Equal(round, status.Code);
            await WaitUntilAsync(() => !_reaper.IsReaping);
        }
    }

    [Fact]
    public async Task WaitAsync_ConcurrentChildren_EachGetsItsOwnStatus()
    {
        var pids = Enumerable.Range(1, 8)
            .Select(code => (code, pid: ChildProcess.Spawn(new SpawnOptions { Path = SpawnRunner.Busybox, Args = ["sh", "-c", $"sleep 0.{code}; exit {code}"] })))
            .ToList();
        var statuses = await Task.WhenAll(pids.Select(p => _reaper.WaitAsync(p.pid, CancellationToken.None)))
            .WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(pids.Select(p => p.code), statuses.Select(s => s.Code!.Value));
    }

    [Fact]
    public async Task WaitAsync_PidThatIsNoChild_FailsOnceNoChildrenAreLeft()
    {
        var e = await Assert.ThrowsAsync<BerthException>(() => _reaper.WaitAsync(1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }

    /// <summary>Starts a shell that backgrounds <paramref name="script"/> and exits, orphaning it; returns the orphan's pid.</summary>
    private async Task<int> StartOrphanAsync(string script)
    {
        var (status, output) = await SpawnRunner.ShellAsync(_reaper, $"/bin/busybox sh -c '{script}' & echo $!");
        Assert.Equal(0, status.Code);
        return int.Parse(output.Trim());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in 10 seconds");
            await Task.Delay(20);
        }
    }
}
