namespace Berth.Archive.Copy;

/// <summary>Where to extract a docker cp tar and how to rename its top entry.</summary>
public sealed record CopyPlanResult
{
    /// <summary>The directory the tar is extracted into (the destination itself, or its parent).</summary>
    public required string ExtractDirectory { get; init; }

    /// <summary>The tar's top entry name to replace (null when nothing is renamed).</summary>
    public string? RenameFrom { get; init; }

    /// <summary>The name it gets: the destination's last element.</summary>
    public string? RenameTo { get; init; }
}
