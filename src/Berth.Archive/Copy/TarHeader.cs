namespace Berth.Archive.Copy;

/// <summary>
/// One entry as <see cref="TarEntryWriter"/> writes it: the metadata of a file on disk (or a whiteout made up
/// for a layer), with whole-second mtimes as Docker writes them (moby truncates to seconds so that a tree
/// and its re-applied copy compare equal) and binary xattr values.
/// </summary>
internal sealed record TarHeader
{
    public required string Name { get; init; }
    public required char TypeFlag { get; init; }
    public UnixFileMode Mode { get; init; }
    public long Uid { get; init; }
    public long Gid { get; init; }
    public long Size { get; init; }
    public long ModificationTime { get; init; }
    public string LinkName { get; init; } = "";
    public uint DeviceMajor { get; init; }
    public uint DeviceMinor { get; init; }
    public IReadOnlyList<KeyValuePair<string, byte[]>> Xattrs { get; init; } = [];

    public const char Regular = '0', HardLink = '1', Symlink = '2', CharDevice = '3', BlockDevice = '4', Directory = '5', Fifo = '6';
}
