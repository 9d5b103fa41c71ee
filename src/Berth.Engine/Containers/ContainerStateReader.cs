using System.Globalization;
using System.Text.Json;

namespace Berth.Engine.Containers;

/// <summary>
/// Reads a <see cref="ContainerState"/> from its row's JSON (written by <see cref="ContainerStateWriter"/>)
/// with a plain JSON reader. Every command on a container reads a state, most of them nothing else of the row;
/// the serializer would first build its metadata for the type, enum converter included, at a cost of about half
/// a millisecond in each process, many times the read itself.
/// </summary>
internal static class ContainerStateReader
{
    public static ContainerState Read(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a container state is a JSON object");
        var state = new ContainerState();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            state = name switch
            {
                nameof(ContainerState.Status) => state with { Status = Status(reader.GetString()) },
                nameof(ContainerState.Pid) => state with { Pid = reader.GetInt32() },
                nameof(ContainerState.MonitorPid) => state with { MonitorPid = reader.GetInt32() },
                nameof(ContainerState.ExitCode) => state with { ExitCode = reader.GetInt32() },
                nameof(ContainerState.Error) => state with { Error = reader.GetString() ?? "" },
                nameof(ContainerState.StartedAt) => state with { StartedAt = Time(ref reader) },
                nameof(ContainerState.FinishedAt) => state with { FinishedAt = Time(ref reader) },
                nameof(ContainerState.OomKilled) => state with { OomKilled = reader.GetBoolean() },
                nameof(ContainerState.RestartCount) => state with { RestartCount = reader.GetInt32() },
                nameof(ContainerState.ManuallyStopped) => state with { ManuallyStopped = reader.GetBoolean() },
                _ => Skip(ref reader, state),
            };
        }
        return state;
    }

    private static DateTimeOffset? Time(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();

    private static ContainerStatus Status(string? text) => text switch
    {
        nameof(ContainerStatus.Created) => ContainerStatus.Created,
        nameof(ContainerStatus.Running) => ContainerStatus.Running,
        nameof(ContainerStatus.Paused) => ContainerStatus.Paused,
        nameof(ContainerStatus.Restarting) => ContainerStatus.Restarting,
        nameof(ContainerStatus.Removing) => ContainerStatus.Removing,
        nameof(ContainerStatus.Exited) => ContainerStatus.Exited,
        nameof(ContainerStatus.Dead) => ContainerStatus.Dead,
        _ => throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"unknown container status {text}")),
    };

    // A field a later berth added: kept readable by this one, as the serializer would.
    private static ContainerState Skip(ref Utf8JsonReader reader, ContainerState state)
    {
        reader.Skip();
        return state;
    }
}
