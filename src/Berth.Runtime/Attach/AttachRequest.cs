namespace Berth.Runtime.Attach;

/// <summary>
/// What a client asks of the monitor in its first frame: which streams it wants, whether it sends stdin, and
/// whether it expects a terminal. Logs asks for the log to be replayed before live output.
/// </summary>
public sealed record AttachRequest
{
    public bool Stdin { get; init; }

    public bool Stdout { get; init; } = true;

    public bool Stderr { get; init; } = true;

    public bool Logs { get; init; }

    public bool Tty { get; init; }
}
