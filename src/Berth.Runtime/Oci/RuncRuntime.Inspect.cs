using System.Text.Json;
using Berth.Oci;

namespace Berth.Runtime.Oci;

/// <summary>state, ps and events: the commands that read a container.</summary>
public sealed partial class RuncRuntime
{
    public async Task<RuntimeState?> StateAsync(string id, CancellationToken ct)
    {
        var result = await RunAsync(["state", id], null, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var message = result.Message("state");
            if (RuncErrorText.KindFor(message) == ErrorKind.NotFound) return null;
            throw new BerthException(RuncErrorText.KindFor(message), message);
        }

        var doc = Deserialize(result.Stdout, RuncJsonContext.Default.RuncStateDocument, "state");
        var status = doc.Status switch
        {
            "creating" => RuntimeStatus.Creating,
            "created" => RuntimeStatus.Created,
            "running" => RuntimeStatus.Running,
            "paused" => RuntimeStatus.Paused,
            "stopped" => RuntimeStatus.Stopped,
            _ => throw new BerthException(ErrorKind.Internal, $"unknown container status from runtime: {doc.Status}"),
        };
        return new RuntimeState(doc.Id, status, doc.Pid, doc.Bundle, doc.Created);
    }

    public async Task<IReadOnlyList<int>> ProcessesAsync(string id, CancellationToken ct)
    {
        var result = await RunCheckedAsync(["ps", "--format", "json", id], "ps", ct).ConfigureAwait(false);
        var text = result.Stdout.Trim();
        if (text is "" or "null") return [];
        return Deserialize(text, RuncJsonContext.Default.Int32Array, "ps");
    }

    public async Task<RuntimeStats> StatsAsync(string id, CancellationToken ct)
    {
        var result = await RunCheckedAsync(["events", "--stats", id], "events", ct).ConfigureAwait(false);
        return RuncStatsParser.Parse(result.Stdout);
    }

    private static T Deserialize<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string operation)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type)
                   ?? throw new BerthException(ErrorKind.Internal, $"runtime {operation} printed no data");
        }
        catch (JsonException e)
        {
            throw new BerthException(ErrorKind.Internal, $"invalid runtime {operation} output: {e.Message}", e);
        }
    }
}
