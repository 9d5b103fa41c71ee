using Berth.Linux;

namespace Berth.Archive.Copy;

/// <summary>
/// Changes what <see cref="TreeArchiver"/> writes for some entries. The archiver asks <see cref="Replace"/>
/// for every entry before anything else (a replaced entry is written as returned, not walked and not counted
/// for hardlinks), and <see cref="After"/> for every directory right after its own header, before its
/// children. The layer differ uses it to turn overlayfs whiteouts and opaque directories into OCI ones.
/// </summary>
internal interface IArchiveEntryConverter
{
    /// <summary>The header to write instead of the entry, or null to archive it as usual.</summary>
    TarHeader? Replace(string hostPath, string name, FileStatus status);

    /// <summary>An extra entry to write after directory <paramref name="directory"/>'s header, or null.</summary>
    TarHeader? After(string hostPath, string name, TarHeader directory);
}
