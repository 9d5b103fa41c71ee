using System.Runtime.CompilerServices;

namespace Berth.Runtime.Logs;

/// <summary>
/// Reads a json-file log the way <c>docker logs</c> does: the rotated files (path.N … path.1) and then the live
/// one, oldest first; <c>--tail</c> found by reading backwards in blocks; <c>--since</c>/<c>--until</c> by record
/// time; <c>--follow</c> by polling the live file, following it across rotation and truncation, until the writer
/// is gone and everything it wrote has been read. Lines that are not records are skipped.
/// </summary>
public static partial class JsonFileLogReader
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Streams the records of the log at <paramref name="path"/>. <paramref name="writerAlive"/> is asked while
    /// following: once it says false, the log is drained and the enumeration ends.
    /// </summary>
    public static async IAsyncEnumerable<LogEntry> ReadAsync(string path, LogReadOptions options, Func<bool> writerAlive,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var live = LiveFile.Open(path);
        try
        {
            var plan = Plan(live, RotatedFiles(path), options.Tail);
            var batch = new List<LogEntry>();
            foreach (var (file, start) in plan.Rotated)
            {
                var splitter = new LineSplitter();
                FileStream stream;
                try
                {
                    stream = OpenRead(file);
                }
                catch (FileNotFoundException)
                {
                    continue;
                }
                await using (stream)
                {
                    stream.Position = start;
                    while (await splitter.ReadAsync(stream, batch, ct) > 0)
                    {
                        foreach (var entry in batch)
                        {
                            if (Filter(entry, options) is var verdict && verdict == Verdict.Stop)
                                yield break;
                            if (verdict == Verdict.Yield)
                                yield return entry;
                        }
                        batch.Clear();
                    }
                }
            }

            if (live is null)
                yield break;
            live.Stream.Position = plan.LiveStart;
            while (true)
            {
                var alive = !options.Follow || writerAlive();
                var rotated = false;
                while (true)
                {
                    while (await live.Splitter.ReadAsync(live.Stream, batch, ct) > 0)
                    {
                        foreach (var entry in batch)
                        {
                            if (Filter(entry, options) is var verdict && verdict == Verdict.Stop)
                                yield break;
                            if (verdict == Verdict.Yield)
                                yield return entry;
                        }
                        batch.Clear();
                    }
                    if (rotated)
                    {
                        // The old file was drained once more after the rename, so its last records are not lost.
                        rotated = false;
                        if (live.SwitchTo(path))
                            continue;
                        break;
                    }
                    if (!options.Follow)
                        break;
                    var change = live.Check(path);
                    if (change == LiveChange.None)
                        break;
                    rotated = change == LiveChange.Rotated;
                }
                if (!options.Follow || !alive)
                    yield break;
                await Task.Delay(options.PollInterval, ct);
            }
        }
        finally
        {
            if (live is not null)
                await live.Stream.DisposeAsync();
        }
    }

    private enum Verdict
    {
        Skip,
        Yield,
        Stop,
    }

    private static Verdict Filter(LogEntry entry, LogReadOptions options)
    {
        if (options.Until is { } until && entry.Time > until)
            return Verdict.Stop;
        if (options.Since is { } since && entry.Time < since)
            return Verdict.Skip;
        var wanted = entry.Stream == LogStream.Stderr ? options.Stderr : options.Stdout;
        return wanted ? Verdict.Yield : Verdict.Skip;
    }

    /// <summary>path.1, path.2, … that exist, oldest (highest number) first.</summary>
    private static List<string> RotatedFiles(string path)
    {
        var files = new List<string>();
        for (var i = 1; File.Exists($"{path}.{i}"); i++)
            files.Add($"{path}.{i}");
        files.Reverse();
        return files;
    }

    internal static FileStream OpenRead(string path) => new(path, new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,
        Share = FileShare.ReadWrite | FileShare.Delete,
        BufferSize = 0,
    });
}
