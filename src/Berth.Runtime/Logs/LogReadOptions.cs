namespace Berth.Runtime.Logs;

/// <summary>
/// What <c>docker logs</c> asks of the json-file log: which streams, how many records from the end, a time window
/// and whether to follow. Tail counts records before the stream and time filters apply, as Docker's does.
/// </summary>
public sealed record LogReadOptions
{
    public bool Stdout { get; init; } = true;

    public bool Stderr { get; init; } = true;

    /// <summary>Records from the end, across rotated files; null or negative means all, 0 means none.</summary>
    public int? Tail { get; init; }

    /// <summary>Only records at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only records at or before this time; reading ends at the first later record.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Keep reading new records until the writer is gone and the log is drained.</summary>
    public bool Follow { get; init; }

    /// <summary>How often a follower looks for new records.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);
}
