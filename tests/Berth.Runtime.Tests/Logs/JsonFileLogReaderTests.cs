using System.Text;
using Berth.Runtime.Logs;
using Berth.Testing;

namespace Berth.Runtime.Tests.Logs;

public sealed class JsonFileLogReaderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 15, 31, 2, TimeSpan.Zero);

    private static async Task<List<LogEntry>> ReadAllAsync(string path, LogReadOptions options, Func<bool>? alive = null)
    {
        var result = new List<LogEntry>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var e in JsonFileLogReader.ReadAsync(path, options, alive ?? (() => false), cts.Token))
            result.Add(e);
        return result;
    }

    private static string Text(LogEntry e) => Encoding.UTF8.GetString(e.Line.Span);

    /// <summary>Writes "line N\n" for N in [from, to), one second apart, alternating streams on odd N when asked.</summary>
    private static void WriteLines(JsonFileLogWriter writer, ManualClock clock, int from, int to, bool mixStreams = false)
    {
        for (var i = from; i < to; i++)
        {
            writer.Write(mixStreams && i % 2 == 1 ? LogStream.Stderr : LogStream.Stdout, Encoding.ASCII.GetBytes($"line {i}\n"));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task Reads_every_record_with_stream_time_and_raw_bytes()
    {
        using var dir = new TempDir();
        var clock = new ManualClock(T0.AddTicks(1_234_567));
        using (var writer = new JsonFileLogWriter(dir["c.log"], clock))
        {
            writer.Write(LogStream.Stdout, "a <b> & \"c\"\t\n"u8);
            writer.Write(LogStream.Stderr, [0xFF, (byte)'x']);
        }
        var entries = await ReadAllAsync(dir["c.log"], new LogReadOptions());
        Assert.Equal(2, entries.Count);
        Assert.Equal("a <b> & \"c\"\t\n", Text(entries[0]));
        Assert.Equal(LogStream.Stdout, entries[0].Stream);
        Assert.Equal(T0.AddTicks(1_234_567), entries[0].Time);
        Assert.Equal("\ufffdx", Text(entries[1]));
        Assert.Equal(LogStream.Stderr, entries[1].Stream);
    }

    [Fact]
    public async Task Stream_filters_drop_the_other_stream()
    {
        using var dir = new TempDir();
        var clock = new ManualClock(T0);
        using (var writer = new JsonFileLogWriter(dir["c.log"], clock))
            WriteLines(writer, clock, 0, 10, mixStreams: true);
        var errors = await ReadAllAsync(dir["c.log"], new LogReadOptions { Stdout = false });
        Assert.Equal(5, errors.Count);
        Assert.All(errors, e => Assert.Equal(LogStream.Stderr, e.Stream));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(7, 7)]
    [InlineData(1000, 100)]
    public async Task Tail_counts_records_from_the_end_across_rotated_files(int tail, int expected)
    {
        using var dir = new TempDir();
        var clock = new ManualClock(T0);
        using (var writer = new JsonFileLogWriter(dir["c.log"], clock, new JsonFileLogOptions { MaxSize = 400, MaxFiles = 100 }))
            WriteLines(writer, clock, 0, 100);
        Assert.True(File.Exists(dir["c.log"] + ".5"));
        var entries = await ReadAllAsync(dir["c.log"], new LogReadOptions { Tail = tail });
        Assert.Equal(Enumerable.Range(100 - expected, expected).Select(i => $"line {i}\n"), entries.Select(Text));
    }

    [Fact]
    public async Task Tail_on_a_large_file_returns_the_last_records()
    {
        using var dir = new TempDir();
        var clock = new ManualClock(T0);
        using (var writer = new JsonFileLogWriter(dir["c.log"], clock))
        {
            var chunk = new StringBuilder();
            for (var i = 0; i < 200_000; i++)
                chunk.Append("record number ").Append(i).Append('\n');
            writer.Write(LogStream.Stdout, Encoding.ASCII.GetBytes(chunk.ToString()));
        }
        Assert.True(new FileInfo(dir["c.log"]).Length > 10_000_000);
        var entries = await ReadAllAsync(dir["c.log"], new LogReadOptions { Tail = 3 });
        Assert.Equal(["record number 199997\n", "record number 199998\n", "record number 199999\n"], entries.Select(Text));
    }

    [Fact]
    public async Task Tail_does_not_count_a_record_still_being_written()
    {
        using var dir = new TempDir();
        var clock = new ManualClock(T0);
        using (var writer = new JsonFileLogWriter(dir["c.log"], clock))
            WriteLines(writer, clock, 0, 5);
        await File.AppendAllTextAsync(dir["c.log"], "{\"log\":\"torn");
        var entries = await ReadAllAsync(dir["c.log"], new LogReadOptions { Tail = 2 });
        Assert.Equal(["line 3\n", "line 4\n"], entries.Select(Text));
    }

    [Fact]
    public async Task Since_and_until_filter_by_record_time_inclusively()
    {
        using var dir = new TempDir();
        var clock = new ManualClock(T0);
        using (var writer = new JsonFileLogWriter(dir["c.log"], clock, new JsonFileLogOptions { MaxSize = 300, MaxFiles = 10 }))
            WriteLines(writer, clock, 0, 20);
        var entries = await ReadAllAsync(dir["c.log"], new LogReadOptions { Since = T0.AddSeconds(5), Until = T0.AddSeconds(8) });
        Assert.Equal(["line 5\n", "line 6\n", "line 7\n", "line 8\n"], entries.Select(Text));
    }

    [Fact]
    public async Task Garbage_lines_are_skipped_not_fatal()
    {
        using var dir = new TempDir();
        var clock = new ManualClock(T0);
        using (var writer = new JsonFileLogWriter(dir["c.log"], clock))
            WriteLines(writer, clock, 0, 2);
        await File.AppendAllTextAsync(dir["c.log"],
            "not json\n{\"log\":\"x\\n\",\"stream\":\"stdin\",\"time\":\"2026-11-27T15:31:02Z\"}\n{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"yesterday\"}\n"
            + "[1,2]\n{\"log\":\n\n{\"log\":\"ok\\n\",\"stream\":\"stdout\",\"attrs\":{\"a\":\"b\"},\"time\":\"2026-11-27T16:31:02.123456789+01:00\"}\n"
            + new string('z', 5_000_000) + "\n");
        using (var writer = new JsonFileLogWriter(dir["c.log"], clock))
            WriteLines(writer, clock, 2, 3);
        var entries = await ReadAllAsync(dir["c.log"], new LogReadOptions());
        Assert.Equal(["line 0\n", "line 1\n", "ok\n", "line 2\n"], entries.Select(Text));
        Assert.Equal(T0.AddTicks(1_234_567), entries[2].Time);
    }

    [Fact]
    public async Task A_missing_log_reads_as_empty()
    {
        using var dir = new TempDir();
        Assert.Empty(await ReadAllAsync(dir["none.log"], new LogReadOptions { Follow = true }));
    }

    [Fact]
    public async Task Follow_sees_new_records_across_rotation_and_ends_when_the_writer_stops()
    {
        using var dir = new TempDir();
        var clock = new ManualClock(T0);
        var alive = 1;
        var writer = new JsonFileLogWriter(dir["c.log"], clock, new JsonFileLogOptions { MaxSize = 500, MaxFiles = 2 });
        WriteLines(writer, clock, 0, 3);
        var seen = new List<string>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var reading = Task.Run(async () =>
        {
            var options = new LogReadOptions { Follow = true, Tail = 1, PollInterval = TimeSpan.FromMilliseconds(10) };
            await foreach (var e in JsonFileLogReader.ReadAsync(dir["c.log"], options, () => Volatile.Read(ref alive) == 1, cts.Token))
            {
                lock (seen)
                    seen.Add(Text(e));
                first.TrySetResult();
            }
        });
        await first.Task.WaitAsync(TimeSpan.FromSeconds(20));
        for (var i = 3; i < 60; i++)
        {
            WriteLines(writer, clock, i, i + 1);
            // Slow enough that the follower sees each file before the next rotation drops it.
            if (i % 3 == 0)
                await Task.Delay(30);
        }
        writer.Write(LogStream.Stdout, "tail without newline"u8);
        writer.Dispose();
        Volatile.Write(ref alive, 0);
        await reading.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(Enumerable.Range(2, 58).Select(i => $"line {i}\n").Append("tail without newline"), seen);
    }

    [Fact]
    public async Task Follow_with_tail_zero_starts_at_the_end()
    {
        using var dir = new TempDir();
        var clock = new ManualClock(T0);
        using var writer = new JsonFileLogWriter(dir["c.log"], clock);
        WriteLines(writer, clock, 0, 5);
        var alive = 1;
        var seen = new List<string>();
        var reading = Task.Run(async () =>
        {
            var options = new LogReadOptions { Follow = true, Tail = 0, PollInterval = TimeSpan.FromMilliseconds(10) };
            await foreach (var e in JsonFileLogReader.ReadAsync(dir["c.log"], options, () => Volatile.Read(ref alive) == 1, CancellationToken.None))
                seen.Add(Text(e));
        });
        await Task.Delay(100);
        WriteLines(writer, clock, 5, 7);
        Volatile.Write(ref alive, 0);
        await reading.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(["line 5\n", "line 6\n"], seen);
    }

    [Fact]
    public async Task Follow_is_cancellable_while_the_writer_lives()
    {
        using var dir = new TempDir();
        using var writer = new JsonFileLogWriter(dir["c.log"], new ManualClock(T0));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in JsonFileLogReader.ReadAsync(dir["c.log"], new LogReadOptions { Follow = true }, () => true, cts.Token))
            {
            }
        });
    }

    [Fact]
    public async Task Formatter_prints_lines_with_dockers_fixed_nanosecond_timestamps()
    {
        var formatter = new LogLineFormatter(timestamps: true);
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        await formatter.WriteAsync(new LogEntry(LogStream.Stdout, T0.AddTicks(1_200_000), "hi\n"u8.ToArray()), stdout, stderr, CancellationToken.None);
        await formatter.WriteAsync(new LogEntry(LogStream.Stderr, T0, "partial"u8.ToArray()), stdout, stderr, CancellationToken.None);
        Assert.Equal("2026-11-27T15:31:02.120000000Z hi\n", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("2026-11-27T15:31:02.000000000Z partial", Encoding.UTF8.GetString(stderr.ToArray()));

        using var plain = new MemoryStream();
        await new LogLineFormatter(timestamps: false).WriteAsync(new LogEntry(LogStream.Stdout, T0, "x\n"u8.ToArray()), plain, plain, CancellationToken.None);
        Assert.Equal("x\n", Encoding.UTF8.GetString(plain.ToArray()));
    }
}
