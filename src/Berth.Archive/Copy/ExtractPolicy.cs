namespace Berth.Archive.Copy;

/// <summary>What <see cref="TarExtractor"/> may do: the container side and the host side of docker cp differ.</summary>
internal sealed record ExtractPolicy
{
    public bool NoOverwriteDirNonDir { get; init; } = true;

    /// <summary>Owner of everything extracted; null keeps the tar's ids.</summary>
    public (long Uid, long Gid)? Owner { get; init; }

    /// <summary>Whether to chown at all (false on the host: files belong to whoever runs the copy).</summary>
    public bool Chown { get; init; }

    /// <summary>Whether character and block devices are created; when false they are skipped.</summary>
    public bool DeviceNodes { get; init; }

    /// <summary>Whether only user.* xattrs are set (the host side: security.* or trusted.* from a container must not land there).</summary>
    public bool UserXattrsOnly { get; init; }

    /// <summary>Renames the top entry: names equal to From or under From/ get To instead (moby's RebaseArchiveEntries).</summary>
    public (string From, string To)? Rebase { get; init; }

    /// <summary>When set, every name must be this or lie under it: a tar for one source holds nothing else.</summary>
    public string? RequiredTop { get; init; }

    /// <summary>How the extraction point is named in messages ("/app" in a container, the host path on the host).</summary>
    public string DisplayRoot { get; init; } = "";
}
