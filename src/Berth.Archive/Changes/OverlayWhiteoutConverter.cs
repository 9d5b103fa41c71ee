using Berth.Archive.Copy;
using Berth.Linux;

namespace Berth.Archive.Changes;

/// <summary>
/// Turns an overlayfs upper directory's markers into OCI image-spec whiteouts (layer.md "Whiteouts"), as
/// Docker's overlay2 differ does: a whiteout becomes an empty regular file ".wh.NAME" with mode 0, and an
/// opaque directory that also exists below gets a ".wh..wh..opq" entry right after its own header. An opaque
/// directory with nothing below it hides nothing, so it gets no marker (moby skips it as well).
/// </summary>
internal sealed class OverlayWhiteoutConverter(OverlayLowers lowers, long? clampTime) : IArchiveEntryConverter
{
    public TarHeader? Replace(string hostPath, string name, FileStatus status)
    {
        if (!OverlayLowers.IsWhiteout(hostPath, status)) return null;
        var slash = name.LastIndexOf('/');
        return new TarHeader
        {
            Name = name[..(slash + 1)] + Whiteouts.Prefix + name[(slash + 1)..],
            TypeFlag = TarHeader.Regular,
            Mode = 0,
            Uid = status.Uid,
            Gid = status.Gid,
            ModificationTime = Clamp(status.ModificationTime.Seconds),
        };
    }

    public TarHeader? After(string hostPath, string name, TarHeader directory)
    {
        if (!OverlayLowers.IsOpaque(hostPath) || lowers.Find(name.TrimEnd('/')) is not { Type: UnixFileType.Directory }) return null;
        return new TarHeader
        {
            Name = name + Whiteouts.Opaque,
            TypeFlag = TarHeader.Regular,
            Mode = directory.Mode & (UnixFileMode)0x1FF,
            Uid = directory.Uid,
            Gid = directory.Gid,
            ModificationTime = directory.ModificationTime,
        };
    }

    private long Clamp(long seconds) => clampTime is { } clamp && seconds > clamp ? clamp : seconds;
}
