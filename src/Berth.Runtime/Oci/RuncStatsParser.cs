using System.Text.Json;
using Berth.Oci;

namespace Berth.Runtime.Oci;

/// <summary>
/// Reads the event <c>runc events --stats</c> prints (<c>{"type":"stats","data":{…}}</c>, runc's
/// types/events.go). Read field by field rather than bound to a type: cgroup v1 and v2 fill different fields and
/// the raw memory.stat names differ (v1 <c>total_cache</c>, <c>total_inactive_file</c>; v2 <c>file</c>,
/// <c>inactive_file</c>).
/// </summary>
internal static class RuncStatsParser
{
    public static RuntimeStats Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new BerthException(ErrorKind.Internal, $"invalid runtime stats: {e.Message}", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new BerthException(ErrorKind.Internal, "invalid runtime stats: not an object");
            var data = root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : root;
            var usage = Path(data, "cpu", "usage");
            var memory = Path(data, "memory");
            var raw = RawCounters(Path(memory, "raw"));
            var cache = Number(memory, "cache");
            if (cache == 0) cache = First(raw, "total_cache", "cache", "file");
            var (read, write) = Blkio(Path(data, "blkio", "ioServiceBytesRecursive"));
            return new RuntimeStats
            {
                CpuTotalNanoseconds = Number(usage, "total"),
                CpuUserNanoseconds = Number(usage, "user"),
                CpuKernelNanoseconds = Number(usage, "kernel"),
                PerCpuNanoseconds = Numbers(Path(usage, "percpu")),
                MemoryUsage = Number(Path(memory, "usage"), "usage"),
                MemoryLimit = Number(Path(memory, "usage"), "limit"),
                MemoryMaxUsage = Number(Path(memory, "usage"), "max"),
                MemoryCache = cache,
                MemoryInactiveFile = First(raw, "total_inactive_file", "inactive_file"),
                MemoryRaw = raw,
                PidsCurrent = Number(Path(data, "pids"), "current"),
                PidsLimit = Number(Path(data, "pids"), "limit"),
                BlkioReadBytes = read,
                BlkioWriteBytes = write,
            };
        }
    }

    private static JsonElement Path(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return default;
        }

        return element;
    }

    private static ulong Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? Number(value) : 0;

    private static ulong Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var n) ? n : 0;

    private static List<ulong> Numbers(JsonElement array)
    {
        var values = new List<ulong>();
        if (array.ValueKind != JsonValueKind.Array) return values;
        foreach (var item in array.EnumerateArray()) values.Add(Number(item));
        return values;
    }

    private static Dictionary<string, ulong> RawCounters(JsonElement raw)
    {
        var counters = new Dictionary<string, ulong>(StringComparer.Ordinal);
        if (raw.ValueKind != JsonValueKind.Object) return counters;
        foreach (var property in raw.EnumerateObject()) counters[property.Name] = Number(property.Value);
        return counters;
    }

    private static ulong First(Dictionary<string, ulong> raw, params string[] names)
    {
        foreach (var name in names)
        {
            if (raw.TryGetValue(name, out var value)) return value;
        }

        return 0;
    }

    // v1 lists Read, Write, Sync, Async, Discard and Total per device; runc maps v2's io.stat rbytes/wbytes to
    // Read and Write entries, so summing those two ops over devices works for both.
    private static (ulong Read, ulong Write) Blkio(JsonElement entries)
    {
        ulong read = 0, write = 0;
        if (entries.ValueKind != JsonValueKind.Array) return (read, write);
        foreach (var entry in entries.EnumerateArray())
        {
            var op = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String
                ? o.GetString()
                : null;
            if (string.Equals(op, "read", StringComparison.OrdinalIgnoreCase)) read += Number(entry, "value");
            else if (string.Equals(op, "write", StringComparison.OrdinalIgnoreCase)) write += Number(entry, "value");
        }

        return (read, write);
    }
}
