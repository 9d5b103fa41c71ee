namespace Berth.Engine.Containers;

/// <summary>How <see cref="ContainerService.StartAsync"/> starts a container.</summary>
public sealed record StartOptions
{
    /// <summary>
    /// The monitor creates the container, then waits for the first client to attach before starting it, so a
    /// foreground <c>run</c> sees every byte of output. The caller must attach (or the start times out).
    /// </summary>
    public bool WaitForAttach { get; init; }

    /// <summary>
    /// The terminal size (rows, columns) a <c>-t</c> container starts with, so its first program already sees the
    /// attaching terminal's size; later changes arrive through the attach socket.
    /// </summary>
    public (ushort Rows, ushort Columns)? ConsoleSize { get; init; }

    /// <summary>
    /// A monitor started ahead (<see cref="ContainerService.PrepareMonitor"/>) to take the container instead of a
    /// new one; the caller still disposes it. Ignored when the container is already running.
    /// </summary>
    public PendingMonitor? Monitor { get; init; }
}
