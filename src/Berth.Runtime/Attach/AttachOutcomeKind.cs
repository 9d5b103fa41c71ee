namespace Berth.Runtime.Attach;

/// <summary>How an attached session ended.</summary>
public enum AttachOutcomeKind
{
    /// <summary>The container exited; the monitor sent its exit code.</summary>
    Exited,

    /// <summary>The user typed the detach keys; the container keeps running.</summary>
    Detached,

    /// <summary>The monitor closed the stream without an exit code (it died or dropped a slow client).</summary>
    Disconnected,
}
