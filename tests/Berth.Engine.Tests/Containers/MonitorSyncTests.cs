using System.Diagnostics;
using System.Text;
using Berth.Engine.Containers;
using Berth.Linux;
using Berth.Oci;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Tests.Containers;

public sealed class MonitorSyncTests : IDisposable
{
    private readonly string _log = Path.Combine(Path.GetTempPath(), $"berth-monitor-sync-{Guid.NewGuid():N}.log");
    private readonly SafeFileHandle _write;
    private readonly MonitorSync _sync;

    public MonitorSyncTests()
    {
        var (read, write) = Pipe.Create();
        _write = write;
        _sync = new MonitorSync(read, _log);
    }

    public void Dispose()
    {
        _sync.Dispose();
        _write.Dispose();
        File.Delete(_log);
    }

    private void Send(string text) => DescriptorIO.Write(_write, Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Lines_ReadInTurn_WhateverPiecesTheyArriveIn()
    {
        Send("crea");
        var reading = Task.Run(() => _sync.Read(MonitorSync.Created, CancellationToken.None));
        await Task.Delay(50);
        Send("ted\nstar");
        Assert.Equal(new MonitorMessage(MonitorSync.Created, 0, ""), await reading);
        Send("ted 4242\n");

        Assert.Equal(new MonitorMessage(MonitorSync.Started, 4242, ""), _sync.Read(MonitorSync.Started, CancellationToken.None));
    }

    [Fact]
    public void A_start_answers_a_wait_for_the_creation_too()
    {
        Send("started 7\n");

        Assert.Equal(new MonitorMessage(MonitorSync.Started, 7, ""), _sync.Read(MonitorSync.Created, CancellationToken.None));
    }

    [Fact]
    public async Task A_failure_returns_only_once_the_monitor_closed_the_pipe()
    {
        Send("created\nfailed 127 exec: \"nope\": executable file not found in $PATH\n");
        var reading = Task.Run(() => _sync.Read(MonitorSync.Started, CancellationToken.None));

        await Task.Delay(200);
        Assert.False(reading.IsCompleted);
        Send("cleanup is still going on\n");
        _write.Dispose();
        var failure = await reading;
        Assert.True(failure.IsFailure);
        Assert.Equal(127, failure.Number);
        Assert.Equal("exec: \"nope\": executable file not found in $PATH", failure.Error);
    }

    [Fact]
    public void An_end_without_an_outcome_reports_the_last_line_of_the_monitors_log()
    {
        File.WriteAllText(_log, "starting\nerror opening the database: disk I/O error\n");
        Send("created");
        _write.Dispose();

        var error = Assert.Throws<BerthException>(() => _sync.Read(MonitorSync.Started, CancellationToken.None));
        Assert.Equal("container monitor exited before the container started: error opening the database: disk I/O error", error.Message);
    }

    [Fact]
    public async Task Cancellation_ends_a_read_that_waits()
    {
        using var cancel = new CancellationTokenSource();
        var reading = Task.Run(() => _sync.Read(MonitorSync.Started, cancel.Token));
        await Task.Delay(100);
        Assert.False(reading.IsCompleted);

        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_token_cancelled_before_the_read_stops_it()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var reading = Task.Run(() => _sync.Read(MonitorSync.Started, cancel.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
        Send("started 9\n");
        Assert.Equal(9, _sync.Read(MonitorSync.Started, CancellationToken.None).Number);
    }
}
