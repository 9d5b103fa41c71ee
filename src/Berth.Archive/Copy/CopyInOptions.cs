namespace Berth.Archive.Copy;

/// <summary>How <see cref="ContainerCopy.CopyInAsync"/> extracts (the Engine API's PUT /containers/{id}/archive query).</summary>
public sealed record CopyInOptions
{
    /// <summary>Refuse to replace a directory with a non-directory or the reverse (docker cp always sets it).</summary>
    public bool NoOverwriteDirNonDir { get; init; } = true;

    /// <summary>Keep the tar's uid/gid (<c>docker cp -a</c>); otherwise everything is owned by 0:0.</summary>
    public bool CopyUidGid { get; init; }

    /// <summary>Renames the tar's top entry from this name (see <see cref="CopyPlanResult.RenameFrom"/>).</summary>
    public string? RebaseFrom { get; init; }

    /// <summary>... to this one.</summary>
    public string? RebaseTo { get; init; }
}
