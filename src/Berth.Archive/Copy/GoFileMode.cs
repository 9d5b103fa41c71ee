using Berth.Linux;

namespace Berth.Archive.Copy;

/// <summary>
/// Go's os.FileMode bits (io/fs), the encoding of "mode" in the Engine API's container path stat: type and
/// special bits sit in the top bits, the nine permission bits at the bottom.
/// </summary>
public static class GoFileMode
{
    public const uint Dir = 1u << 31;
    public const uint Symlink = 1u << 27;
    public const uint Device = 1u << 26;
    public const uint NamedPipe = 1u << 25;
    public const uint Socket = 1u << 24;
    public const uint Setuid = 1u << 23;
    public const uint Setgid = 1u << 22;
    public const uint CharDevice = 1u << 21;
    public const uint Sticky = 1u << 20;

    /// <summary>The Go FileMode for what lstat reports.</summary>
    public static uint FromStatus(FileStatus status)
    {
        var permissions = (uint)status.Permissions;
        var mode = permissions & 0x1FF;
        if ((permissions & 0x800) != 0) mode |= Setuid;
        if ((permissions & 0x400) != 0) mode |= Setgid;
        if ((permissions & 0x200) != 0) mode |= Sticky;
        return mode | status.Type switch
        {
            UnixFileType.Directory => Dir,
            UnixFileType.SymbolicLink => Symlink,
            UnixFileType.BlockDevice => Device,
            UnixFileType.CharacterDevice => Device | CharDevice,
            UnixFileType.Fifo => NamedPipe,
            UnixFileType.Socket => Socket,
            _ => 0u,
        };
    }
}
