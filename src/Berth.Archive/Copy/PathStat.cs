namespace Berth.Archive.Copy;

/// <summary>
/// What <c>docker cp</c> reports about a container path: the fields of the Engine API's ContainerPathStat
/// (sent base64 JSON in the X-Docker-Container-Path-Stat header). <see cref="Mode"/> holds Go's os.FileMode
/// bits, not Unix mode bits, because that is what the API carries.
/// </summary>
public sealed record PathStat
{
    /// <summary>The last element of the requested path ("." for "dir/.", "/" for the root).</summary>
    public required string Name { get; init; }

    public required long Size { get; init; }

    /// <summary>Go FileMode: permission bits plus type and special bits (ModeDir = 1 &lt;&lt; 31, ModeSymlink = 1 &lt;&lt; 27, ...).</summary>
    public required uint Mode { get; init; }

    public required DateTimeOffset Mtime { get; init; }

    /// <summary>For a symlink, the absolute container path it resolves to inside the rootfs; "" otherwise.</summary>
    public string LinkTarget { get; init; } = "";

    public bool IsDirectory => (Mode & GoFileMode.Dir) != 0;

    public bool IsSymlink => (Mode & GoFileMode.Symlink) != 0;
}
