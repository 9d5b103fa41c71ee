namespace Berth.Archive.Copy;

/// <summary>
/// What is being copied, as docker cp's CopyInfo describes a source: the path as the user wrote it (a
/// trailing "/." means "the contents") and whether it is a directory. The tar of the source is named after
/// <see cref="ArchiveName"/>.
/// </summary>
public sealed record CopySource
{
    public required string Path { get; init; }

    public required bool IsDirectory { get; init; }

    /// <summary>The name of the tar's top entry: the last element of <see cref="Path"/> ("." for "dir/.").</summary>
    public string ArchiveName => CopyPlan.SplitPath(Path).Base;
}
