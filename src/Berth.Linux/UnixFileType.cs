namespace Berth.Linux;

/// <summary>The S_IFMT part of a mode; the values are the kernel's, so they can be OR-ed into mknod's mode.</summary>
public enum UnixFileType : uint
{
    Unknown = 0,
    Fifo = 0x1000,
    CharacterDevice = 0x2000,
    Directory = 0x4000,
    BlockDevice = 0x6000,
    RegularFile = 0x8000,
    SymbolicLink = 0xA000,
    Socket = 0xC000,
}
