namespace Berth.Archive.Copy;

/// <summary>The state of a docker cp destination, symlinks already followed: what <see cref="CopyPlan"/> decides on.</summary>
public sealed record CopyDestination
{
    /// <summary>The path as the user wrote it; a trailing "/" asserts a directory.</summary>
    public required string Path { get; init; }

    public required bool Exists { get; init; }

    public bool IsDirectory { get; init; }

    /// <summary>Whether the parent directory exists (only consulted when the destination does not).</summary>
    public bool ParentExists { get; init; } = true;
}
