using System.Text;
using Berth.Oci;

namespace Berth.Engine.Containers;

/// <summary>
/// The few lines a monitor writes to its starter over an inherited pipe: <c>created</c> (the attach socket listens
/// and the runtime is creating the container), then <c>started PID</c> or <c>failed EXITCODE MESSAGE</c>. End of
/// file before an outcome means the monitor died; its log says why. After a failure, end of file means the monitor
/// has cleaned up.
/// </summary>
internal sealed class MonitorSync(Stream pipe, string monitorLog) : IDisposable
{
    private readonly StreamReader _reader = new(pipe, Encoding.UTF8);

    public const string Created = "created";
    public const string Started = "started";
    public const string Failed = "failed";

    /// <summary>Reads up to and including the line that starts with <paramref name="expected"/>, or an outcome.</summary>
    public async Task<MonitorMessage> ReadAsync(string expected, CancellationToken ct)
    {
        while (await _reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            var parts = line.Split(' ', 3);
            switch (parts[0])
            {
                case Failed:
                    // The monitor cleans up (and removes a --rm container) before it exits: wait for that, so
                    // the caller returns to a consistent store. Only the monitor holds this pipe's write end.
                    while (await _reader.ReadLineAsync(ct).ConfigureAwait(false) is not null)
                    {
                    }
                    return new MonitorMessage(Failed, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts.Length > 2 ? parts[2] : "");
                case Started:
                    return new MonitorMessage(Started, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), "");
                default:
                    if (parts[0] == expected) return new MonitorMessage(parts[0], 0, "");
                    break;
            }
        }
        var log = File.Exists(monitorLog) ? File.ReadAllText(monitorLog).Trim() : "";
        throw new BerthException(ErrorKind.Internal, "container monitor exited before the container started" + (log.Length > 0 ? ": " + log.Split('\n')[^1] : ""));
    }

    /// <summary>Writes one line (the monitor's side); a starter that stopped listening is not an error.</summary>
    public static void Write(Stream pipe, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line.ReplaceLineEndings(" ") + "\n");
        try
        {
            pipe.Write(bytes);
            pipe.Flush();
        }
        catch (IOException)
        {
        }
    }

    public void Dispose() => _reader.Dispose();
}
