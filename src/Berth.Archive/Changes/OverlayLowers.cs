using Berth.Linux;

namespace Berth.Archive.Changes;

/// <summary>
/// Looks paths up in a stack of overlayfs lower directories (top first) the way the kernel merges them
/// (Documentation/filesystems/overlayfs.rst): the topmost layer that has the name wins; a whiteout hides the
/// name in every layer below; a non-directory hides everything below its path; an opaque directory hides the
/// lower layers' contents under it. Symlinks are never followed: overlayfs does not merge through them either.
/// </summary>
internal sealed class OverlayLowers(IReadOnlyList<string> layers)
{
    public const string WhiteoutXattr = "trusted.overlay.whiteout";

    public bool IsEmpty => layers.Count == 0;

    /// <summary>lstat of <paramref name="relative"/> ("a/b") in the merged lower view, or null when it is not there.</summary>
    public FileStatus? Find(string relative)
    {
        var parts = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return null;
        foreach (var layer in layers)
        {
            var current = layer;
            var opaqueAbove = false;
            for (var i = 0; i < parts.Length; i++)
            {
                current += "/" + parts[i];
                if (!FileStatus.TryLstat(current, out var status, out _)) break;
                if (IsWhiteout(current, status)) return null;
                if (i == parts.Length - 1) return status;
                if (status.Type != UnixFileType.Directory) return null;
                if (IsOpaque(current)) opaqueAbove = true;
            }
            if (opaqueAbove) return null;
        }
        return null;
    }

    /// <summary>
    /// A whiteout: the classic character device 0:0, or (Linux 6.7+ "xwhiteouts", used when overlay layers are
    /// themselves stored on overlayfs) an empty regular file carrying trusted.overlay.whiteout.
    /// </summary>
    public static bool IsWhiteout(string path, FileStatus status) => status.Type switch
    {
        UnixFileType.CharacterDevice => status.RdevMajor == 0 && status.RdevMinor == 0,
        UnixFileType.RegularFile => status.Size == 0 && ExtendedAttributes.LGet(path, WhiteoutXattr) is not null,
        _ => false,
    };

    /// <summary>trusted.overlay.opaque=y. (The value "x" only marks a directory holding xwhiteouts.)</summary>
    public static bool IsOpaque(string directory) =>
        ExtendedAttributes.LGet(directory, Whiteouts.OpaqueXattr) is [(byte)'y'];
}
