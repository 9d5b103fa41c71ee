using Berth.Oci;
using Berth.Runtime.Processes;

namespace Berth.Runtime.Tests.Processes;

public sealed class ChildReaperTests
{
    [Fact]
    public async Task WaitAsync_ChildKilledBySignal_ReportsTheSignal()
    {
        using var reaper = ChildReaper.ForChildren();
        var pid = ChildProcess.Spawn(new SpawnOptions { Path = SpawnRunner.Busybox, Args = ["sleep", "30"] });
        Assert.True(Berth.Linux.ProcessControl.Signal(pid, 15));
        var status = await reaper.WaitAsync(pid, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ExitStatus.Killed(15), status);
        Assert.Equal(143, status.DockerExitCode);
        Assert.False(Berth.Linux.ProcessControl.Signal(pid, 0));
    }

    [Fact]
    public async Task WaitAsync_PidThatIsNotAChild_IsNotFound()
    {
        using var reaper = ChildReaper.ForChildren();
        var e = await Assert.ThrowsAsync<BerthException>(() => reaper.WaitAsync(1, CancellationToken.None));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        await Assert.ThrowsAsync<BerthException>(() => reaper.WaitAsync(-5, CancellationToken.None));
    }

    [Fact]
    public async Task WaitAsync_Cancelled_KeepsTheStatusForTheNextWait()
    {
        using var reaper = ChildReaper.ForChildren();
        var pid = ChildProcess.Spawn(new SpawnOptions { Path = SpawnRunner.Busybox, Args = ["sh", "-c", "sleep 0.3; exit 4"] });
        using (var cts = new CancellationTokenSource())
        {
            // Cancelled by hand while the child still runs, and synchronously: a timer's cancellation, or
            // CancelAsync's, waits for a pool thread, and on a busy test host that can come after the exit.
            var wait = reaper.WaitAsync(pid, cts.Token);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        }

        var status = await reaper.WaitAsync(pid, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(4, status.Code);
    }

    [Fact]
    public async Task WaitAsync_ForChildren_ContinuesOnTheWaitpidThread()
    {
        // A command that only waits for its runtime must not start the thread pool for that wait.
        using var reaper = ChildReaper.ForChildren();
        var pid = ChildProcess.Spawn(new SpawnOptions { Path = SpawnRunner.Busybox, Args = ["sh", "-c", "sleep 0.1; exit 3"] });

        var (status, thread, onPool) = await WaitAndSeeWhereAsync(reaper, pid).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, status.Code);
        Assert.False(onPool);
        Assert.Equal("waitpid " + pid, thread);
    }

    private static async Task<(ExitStatus Status, string? Thread, bool OnPool)> WaitAndSeeWhereAsync(ChildReaper reaper, int pid)
    {
        var status = await reaper.WaitAsync(pid, CancellationToken.None).ConfigureAwait(false);
        return (status, Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread);
    }

    [Fact]
    public async Task Dispose_FailsPendingWaits()
    {
        var reaper = ChildReaper.ForChildren();
        var pid = ChildProcess.Spawn(new SpawnOptions { Path = SpawnRunner.Busybox, Args = ["sleep", "0.5"] });
        var wait = reaper.WaitAsync(pid, CancellationToken.None);
        reaper.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => wait);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => reaper.WaitAsync(pid, CancellationToken.None));
    }
}
