using Berth.Linux;

namespace Berth.Archive;

/// <summary>
/// One tar entry with its PAX and GNU extensions applied. Xattr values stay bytes, and times keep the
/// nanoseconds a PAX header may carry; System.Formats.Tar decodes PAX values as UTF-8 and holds times as
/// DateTimeOffset, which would corrupt a binary security.capability and round times to 100 ns.
/// </summary>
internal sealed class LayerTarEntry
{
    public required string Name { get; init; }
    public required LayerEntryType Type { get; init; }
    public string LinkName { get; init; } = "";
    public UnixFileMode Mode { get; init; }
    public long Uid { get; init; }
    public long Gid { get; init; }
    public long Size { get; init; }
    public Timespec ModificationTime { get; init; }
    public Timespec? AccessTime { get; init; }
    public uint DeviceMajor { get; init; }
    public uint DeviceMinor { get; init; }
    public IReadOnlyList<KeyValuePair<string, byte[]>> Xattrs { get; init; } = [];
}
