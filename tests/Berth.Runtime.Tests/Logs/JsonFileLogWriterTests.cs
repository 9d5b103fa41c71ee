using System.Text;
using Berth.Runtime.Logs;
using Berth.Testing;

namespace Berth.Runtime.Tests.Logs;

public sealed class JsonFileLogWriterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 15, 31, 2, TimeSpan.Zero);

    private static string[] Lines(string path) =>
        File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Each_line_becomes_one_record_with_stream_and_go_time()
    {
        using var dir = new TempDir();
        var clock = new ManualClock(T0.AddTicks(1_234_567));
        using (var writer = new JsonFileLogWriter(dir["c.log"], clock))
        {
            writer.Write(LogStream.Stdout, "hello\nworld\n"u8);
            clock.Now = T0.AddTicks(1_200_000);
            writer.Write(LogStream.Stderr, "oops\n"u8);
            clock.Now = T0;
            writer.Write(LogStream.Stdout, "\n"u8);
        }
        Assert.Equal(
        [
            """{"log":"hello\n","stream":"stdout","time":"2026-11-27T15:31:02.1234567Z"}""",
            """{"log":"world\n","stream":"stdout","time":"2026-11-27T15:31:02.1234567Z"}""",
            """{"log":"oops\n","stream":"stderr","time":"2026-11-27T15:31:02.12Z"}""",
            """{"log":"\n","stream":"stdout","time":"2026-11-27T15:31:02Z"}""",
        ], Lines(dir["c.log"]));
    }

    [Fact]
    public void A_line_split_across_writes_is_joined_and_streams_do_not_mix()
    {
        using var dir = new TempDir();
        using (var writer = new JsonFileLogWriter(dir["c.log"], new ManualClock(T0)))
        {
            writer.Write(LogStream.Stdout, "hel"u8);
            writer.Write(LogStream.Stderr, "err"u8);
            writer.Write(LogStream.Stdout, "lo\nnext"u8);
            writer.Write(LogStream.Stderr, "or\n"u8);
        }
        Assert.Equal(
        [
            """{"log":"hello\n","stream":"stdout","time":"2026-11-27T15:31:02Z"}""",
            """{"log":"error\n","stream":"stderr","time":"2026-11-27T15:31:02Z"}""",
            """{"log":"next","stream":"stdout","time":"2026-11-27T15:31:02Z"}""",
        ], Lines(dir["c.log"]));
    }

    [Fact]
    public void CloseStream_flushes_the_partial_last_line_without_newline()
    {
        using var dir = new TempDir();
        using var writer = new JsonFileLogWriter(dir["c.log"], new ManualClock(T0));
        writer.Write(LogStream.Stdout, "done\nno newline"u8);
        Assert.Single(Lines(dir["c.log"]));
        writer.CloseStream(LogStream.Stdout);
        Assert.Equal("""{"log":"no newline","stream":"stdout","time":"2026-11-27T15:31:02Z"}""", Lines(dir["c.log"])[1]);
        writer.CloseStream(LogStream.Stdout);
        Assert.Equal(2, Lines(dir["c.log"]).Length);
    }

    [Fact]
    public void Long_lines_are_split_at_16K_into_records_without_newline_sharing_the_first_time()
    {
        using var dir = new TempDir();
        var clock = new ManualClock(T0);
        using (var writer = new JsonFileLogWriter(dir["c.log"], clock))
        {
            writer.Write(LogStream.Stdout, Encoding.ASCII.GetBytes(new string('x', 16384) + "\n"));
            clock.Advance(TimeSpan.FromSeconds(1));
            var big = Encoding.ASCII.GetBytes(new string('y', 40000) + "\n");
            writer.Write(LogStream.Stdout, big.AsSpan(0, 20000));
            clock.Advance(TimeSpan.FromSeconds(1));
            writer.Write(LogStream.Stdout, big.AsSpan(20000));
            writer.Write(LogStream.Stdout, "short\n"u8);
        }
        var lines = Lines(dir["c.log"]);
        Assert.Equal(6, lines.Length);
        Assert.Equal($$"""{"log":"{{new string('x', 16384)}}","stream":"stdout","time":"2026-11-27T15:31:02Z"}""", lines[0]);
        Assert.Equal("""{"log":"\n","stream":"stdout","time":"2026-11-27T15:31:02Z"}""", lines[1]);
        Assert.Equal($$"""{"log":"{{new string('y', 16384)}}","stream":"stdout","time":"2026-11-27T15:31:03Z"}""", lines[2]);
        Assert.Equal($$"""{"log":"{{new string('y', 16384)}}","stream":"stdout","time":"2026-11-27T15:31:03Z"}""", lines[3]);
        Assert.Equal($$"""{"log":"{{new string('y', 40000 - 32768)}}\n","stream":"stdout","time":"2026-11-27T15:31:03Z"}""", lines[4]);
        Assert.Equal("""{"log":"short\n","stream":"stdout","time":"2026-11-27T15:31:04Z"}""", lines[5]);
    }

    [Fact]
    public void Escaping_matches_dockers_json_file_driver()
    {
        using var dir = new TempDir();
        byte[] input =
        [
            .. "<a href=\"x\">&</a> \\ \t\u0001\u007f é "u8,
            0xFF, (byte)' ', 0xE2, 0x80, 0xA8, 0xE2, 0x80, 0xA9, (byte)' ', 0xED, 0xA0, 0x80, (byte)' ',
            0xC0, 0x80, (byte)' ', 0xF0, 0x9F, 0x98, 0x80, (byte)' ', 0xE2, 0x82, (byte)'\r', (byte)'\n',
        ];
        using (var writer = new JsonFileLogWriter(dir["c.log"], new ManualClock(T0)))
            writer.Write(LogStream.Stdout, input);
        var expected = "{\"log\":\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e \\\\ \\u0009\\u0001\u007f é "
            + "\\ufffd \\u2028\\u2029 \\ufffd\\ufffd\\ufffd \\ufffd\\ufffd 😀 \\ufffd\\ufffd\\r\\n\","
            + "\"stream\":\"stdout\",\"time\":\"2026-11-27T15:31:02Z\"}";
        Assert.Equal(expected, Lines(dir["c.log"])[0]);
    }

    [Fact]
    public void A_utf8_character_cut_between_reads_is_kept_whole()
    {
        using var dir = new TempDir();
        using (var writer = new JsonFileLogWriter(dir["c.log"], new ManualClock(T0)))
        {
            writer.Write(LogStream.Stdout, [0xC3]);
            writer.Write(LogStream.Stdout, [0xA9, (byte)'\n']);
        }
        Assert.Contains("\"log\":\"é\\n\"", Lines(dir["c.log"])[0]);
    }

    [Fact]
    public void Rotation_keeps_max_file_files_and_drops_the_oldest()
    {
        using var dir = new TempDir();
        var path = dir["c.log"];
        using (var writer = new JsonFileLogWriter(path, new ManualClock(T0), new JsonFileLogOptions { MaxSize = 300, MaxFiles = 3 }))
        {
            for (var i = 0; i < 100; i++)
                writer.Write(LogStream.Stdout, Encoding.ASCII.GetBytes($"line {i:D3}\n"));
        }
        Assert.True(File.Exists(path + ".1"));
        Assert.True(File.Exists(path + ".2"));
        Assert.False(File.Exists(path + ".3"));
        var records = Lines(path + ".2").Concat(Lines(path + ".1")).Concat(Lines(path)).ToArray();
        var numbers = records.Select(r => int.Parse(r.AsSpan(r.IndexOf("line ", StringComparison.Ordinal) + 5, 3))).ToArray();
        Assert.Equal(99, numbers[^1]);
        Assert.Equal(Enumerable.Range(numbers[0], numbers.Length), numbers);
        // moby rotates before the record that would be written at or past the limit, so a file stays under it plus one record.
        Assert.All(new[] { path + ".2", path + ".1" }, f => Assert.InRange(new FileInfo(f).Length, 300, 300 + 80));
    }

    [Fact]
    public void Rotation_with_one_file_truncates_in_place()
    {
        using var dir = new TempDir();
        var path = dir["c.log"];
        using (var writer = new JsonFileLogWriter(path, new ManualClock(T0), new JsonFileLogOptions { MaxSize = 200 }))
        {
            for (var i = 0; i < 50; i++)
                writer.Write(LogStream.Stdout, Encoding.ASCII.GetBytes($"line {i:D3}\n"));
        }
        Assert.False(File.Exists(path + ".1"));
        Assert.Contains("line 049", Lines(path)[^1]);
        Assert.True(new FileInfo(path).Length < 300);
    }

    [Fact]
    public void An_existing_log_is_appended_to()
    {
        using var dir = new TempDir();
        using (var writer = new JsonFileLogWriter(dir["c.log"], new ManualClock(T0)))
            writer.Write(LogStream.Stdout, "one\n"u8);
        using (var writer = new JsonFileLogWriter(dir["c.log"], new ManualClock(T0)))
            writer.Write(LogStream.Stdout, "two\n"u8);
        Assert.Equal(2, Lines(dir["c.log"]).Length);
    }

    [Fact]
    public void Concurrent_writers_on_both_streams_never_tear_a_record()
    {
        using var dir = new TempDir();
        using (var writer = new JsonFileLogWriter(dir["c.log"], new ManualClock(T0)))
        {
            Parallel.For(0, 4, t =>
            {
                for (var i = 0; i < 500; i++)
                    writer.Write(t % 2 == 0 ? LogStream.Stdout : LogStream.Stderr, Encoding.ASCII.GetBytes($"{t}:{i}\n"));
            });
        }
        var lines = Lines(dir["c.log"]);
        Assert.Equal(2000, lines.Length);
        Assert.All(lines, l => Assert.Matches("""^\{"log":"\d:\d+\\n","stream":"std(out|err)","time":"[^"]+"\}$""", l));
    }
}
