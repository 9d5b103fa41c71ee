namespace Berth.Runtime.Attach;

/// <summary>
/// The first byte of an attach frame. 0–2 are Docker's stdcopy stream types and 3 its "systemerr" (an error
/// message); the rest are Berth's control frames between a monitor and its clients.
/// </summary>
public enum AttachFrameType : byte
{
    /// <summary>Client → monitor: bytes for the container's stdin.</summary>
    Stdin = 0,

    /// <summary>Monitor → client: container stdout (all output in tty mode).</summary>
    Stdout = 1,

    /// <summary>Monitor → client: container stderr.</summary>
    Stderr = 2,

    /// <summary>Either way: a UTF-8 error message; the sender closes after it.</summary>
    Error = 3,

    /// <summary>Client → monitor: terminal size, rows then cols as big-endian uint16.</summary>
    Resize = 4,

    /// <summary>Client → monitor: the client's stdin ended (empty payload).</summary>
    CloseStdin = 5,

    /// <summary>Monitor → client: the container exited, big-endian int32 exit code; the monitor closes after it.</summary>
    Exit = 6,

    /// <summary>Client → monitor: the first frame, an <see cref="AttachRequest"/> as JSON.</summary>
    Request = 7,
}
