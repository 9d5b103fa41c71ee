namespace Berth.Runtime.Logs;

public static partial class JsonFileLogReader
{
    private const int BlockSize = 64 * 1024;

    private sealed record ReadPlan(List<(string File, long Start)> Rotated, long LiveStart);

    /// <summary>
    /// Where reading starts in each file. For a tail of n, scanning backwards: the n-th record from the end starts
    /// after the (n+1)-th newline from the end (the first being the last record's own terminator, so a record the
    /// writer is still writing never counts); a file with fewer records gives the rest to the next older file.
    /// </summary>
    private static ReadPlan Plan(LiveFile? live, List<string> rotated, int? tail)
    {
        var files = new List<(string, long)>();
        if (tail is not { } n || n < 0)
        {
            foreach (var file in rotated)
                files.Add((file, 0));
            return new ReadPlan(files, 0);
        }
        var remaining = n;
        long liveStart = 0;
        if (live is not null)
        {
            var found = ScanBack(live.Stream.SafeFileHandle, live.Stream.Length, remaining, out liveStart);
            remaining -= found;
        }
        for (var i = rotated.Count - 1; i >= 0 && remaining > 0; i--)
        {
            try
            {
                using var handle = File.OpenHandle(rotated[i], FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var found = ScanBack(handle, RandomAccess.GetLength(handle), remaining, out var start);
                files.Insert(0, (rotated[i], start));
                remaining -= found;
            }
            catch (FileNotFoundException)
            {
                // Rotated away while we looked: older records are gone, as they would be for docker.
                break;
            }
        }
        return new ReadPlan(files, liveStart);
    }

    /// <summary>
    /// Finds the start of the last <paramref name="records"/> records of a file of <paramref name="length"/> bytes
    /// reading backwards in blocks; returns how many records that start covers.
    /// </summary>
    internal static int ScanBack(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length, int records, out long start)
    {
        var block = new byte[BlockSize];
        var newlines = 0;
        var pos = length;
        while (pos > 0)
        {
            var size = (int)Math.Min(BlockSize, pos);
            pos -= size;
            var span = block.AsSpan(0, size);
            var read = 0;
            while (read < size)
            {
                var n = RandomAccess.Read(handle, span[read..], pos + read);
                if (n == 0)
                    break;
                read += n;
            }
            span = span[..read];
            for (var i = span.Length - 1; i >= 0; i--)
            {
                if (span[i] != (byte)'\n')
                    continue;
                newlines++;
                if (newlines == records + 1)
                {
                    start = pos + i + 1;
                    return records;
                }
            }
        }
        start = 0;
        return newlines;
    }
}
