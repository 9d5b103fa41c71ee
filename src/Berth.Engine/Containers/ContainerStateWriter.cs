using System.Text.Json;
using static Berth.Oci.Json.JsonShapes;

namespace Berth.Engine.Containers;

/// <summary>
/// Writes a <see cref="ContainerState"/> as its row's JSON with a plain JSON writer, byte for byte what the
/// serializer wrote (<see cref="ContainerStateReader"/> reads it back). A run writes a state three times, in the
/// CLI and in the monitor; the serializer would first build its metadata for the type, its enum and its nullable
/// times, which costs about half a millisecond in each process (by reflection).
/// </summary>
internal static class ContainerStateWriter
{
    public static string Write(ContainerState state) =>
        ObjectText(state, 256, WriteMembers);

    private static void WriteMembers(Utf8JsonWriter writer, ContainerState state)
    {
        writer.WriteString(nameof(ContainerState.Status), Name(state.Status));
        writer.WriteNumber(nameof(ContainerState.Pid), state.Pid);
        writer.WriteNumber(nameof(ContainerState.MonitorPid), state.MonitorPid);
        writer.WriteNumber(nameof(ContainerState.ExitCode), state.ExitCode);
        writer.WriteString(nameof(ContainerState.Error), state.Error);
        // Null times are left out, as the serializer's WhenWritingNull does.
        if (state.StartedAt is { } started) writer.WriteString(nameof(ContainerState.StartedAt), started);
        if (state.FinishedAt is { } finished) writer.WriteString(nameof(ContainerState.FinishedAt), finished);
        writer.WriteBoolean(nameof(ContainerState.OomKilled), state.OomKilled);
        writer.WriteNumber(nameof(ContainerState.RestartCount), state.RestartCount);
        writer.WriteBoolean(nameof(ContainerState.ManuallyStopped), state.ManuallyStopped);
    }

    // The enum's own names, as the string enum converter writes them; Enum.ToString would look them up by reflection.
    private static string Name(ContainerStatus status) => status switch
    {
        ContainerStatus.Created => nameof(ContainerStatus.Created),
        ContainerStatus.Running => nameof(ContainerStatus.Running),
        ContainerStatus.Paused => nameof(ContainerStatus.Paused),
        ContainerStatus.Restarting => nameof(ContainerStatus.Restarting),
        ContainerStatus.Removing => nameof(ContainerStatus.Removing),
        ContainerStatus.Exited => nameof(ContainerStatus.Exited),
        ContainerStatus.Dead => nameof(ContainerStatus.Dead),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown container status"),
    };
}
