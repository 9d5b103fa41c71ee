using Berth.Runtime.Logs;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// <c>berth logs</c>: the container's json-file log, filtered as asked; with follow it keeps reading while the
    /// container's monitor lives (it writes the log) and ends once the monitor is gone and the log is drained.
    /// </summary>
    public IAsyncEnumerable<LogEntry> LogsAsync(string input, LogReadOptions options, CancellationToken ct)
    {
        var container = Get(input);
        var paths = PathsOf(container.Id);
        return JsonFileLogReader.ReadAsync(paths.LogFile, options, () => MonitorAlive(paths), ct);
    }
}
