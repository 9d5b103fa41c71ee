namespace Berth.Archive;

/// <summary>The kinds of entry a layer may hold, after long-name and extended headers are folded in.</summary>
internal enum LayerEntryType
{
    RegularFile,
    HardLink,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    Directory,
    Fifo,
}
