namespace Berth.Builder.Context;

/// <summary>What the first bytes of a build input announce; Docker decides by magic, never by file name.</summary>
internal enum ArchiveFormat
{
    /// <summary>Not compressed and not a tar: a bare Dockerfile on stdin, an ordinary file for ADD.</summary>
    Other,
    Tar,
    Gzip,
    Bzip2,
    Xz,
    Zstd,
}
