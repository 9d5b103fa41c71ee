using Berth.Engine.Formatting;

namespace Berth.Engine.Containers;

/// <summary>The Status column of <c>ps</c> ("Up 5 seconds", "Exited (0) 2 minutes ago"), worded as Docker's.</summary>
internal static class ContainerStatusText
{
    public static string Of(ContainerState state, DateTimeOffset now) => state.Status switch
    {
        ContainerStatus.Running => "Up " + HumanDuration.Format(now - (state.StartedAt ?? now)),
        ContainerStatus.Paused => "Up " + HumanDuration.Format(now - (state.StartedAt ?? now)) + " (Paused)",
        ContainerStatus.Restarting => $"Restarting ({state.ExitCode}) " + Ago(state.FinishedAt, now),
        ContainerStatus.Removing => "Removal In Progress",
        ContainerStatus.Dead => "Dead",
        ContainerStatus.Exited when state.FinishedAt is not null => $"Exited ({state.ExitCode}) " + Ago(state.FinishedAt, now),
        _ => "Created",
    };

    /// <summary>The lower-case state name the API's State field and <c>--filter status=</c> use.</summary>
    public static string Name(ContainerStatus status) => status switch
    {
        ContainerStatus.Created => "created",
        ContainerStatus.Running => "running",
        ContainerStatus.Paused => "paused",
        ContainerStatus.Restarting => "restarting",
        ContainerStatus.Removing => "removing",
        ContainerStatus.Exited => "exited",
        _ => "dead",
    };

    private static string Ago(DateTimeOffset? time, DateTimeOffset now) => HumanDuration.Format(now - (time ?? now)) + " ago";
}
