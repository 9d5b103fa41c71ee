namespace Berth.Runtime.Attach;

/// <summary>
/// What a client asks of the monitor in its first frame: which streams it wants, whether it sends stdin, and
/// whether it expects a terminal. <see cref="Logs"/> is carried for Docker's <c>attach?logs=1</c>, but
/// <see cref="AttachServer"/> does not replay the log: a caller that wants it reads the json-file log first.
/// </summary>
public sealed record AttachRequest
{
    public bool Stdin { get; init; }

    public bool Stdout { get; init; } = true;

    public bool Stderr { get; init; } = true;

    public bool Logs { get; init; }

    public bool Tty { get; init; }
}
