using System.Text;
using Berth.Archive.Copy;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Runtime.Spec;

/// <summary>
/// Reads files of a container's root filesystem as the container would see them: every symlink is resolved
/// inside the rootfs (an absolute target restarts at the rootfs, '..' stops at it), so a hostile image's
/// /etc/passwd -> /host/secret can never make the engine read a host file.
/// </summary>
public static class RootfsFiles
{
    // Enough for any passwd or group file; a bigger one is refused rather than read into memory.
    private const long MaxBytes = 16L * 1024 * 1024;

    /// <summary>The text of <paramref name="pathInContainer"/>, or null when it is missing or not a regular file.</summary>
    public static string? TryReadText(string rootfsDir, string pathInContainer)
    {
        var relative = Resolve(rootfsDir, pathInContainer);
        if (relative is null) return null;
        var host = relative.Length == 0 ? rootfsDir : rootfsDir.TrimEnd('/') + "/" + relative;
        if (!FileStatus.TryLstat(host, out var status, out _) || status.Type != UnixFileType.RegularFile) return null;
        if (status.Size > MaxBytes) return null;
        // O_NOFOLLOW: if the last component were swapped for a link after the lstat, the open fails instead.
        using var handle = UnixFile.OpenReadOnlyNoFollow(host);
        using var stream = new FileStream(handle, FileAccess.Read);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The rootfs-relative path with every link resolved, or null when a link loop is too deep.</summary>
    internal static string? Resolve(string rootfsDir, string pathInContainer)
    {
        try
        {
            return RootfsPath.Follow(rootfsDir.TrimEnd('/'), pathInContainer, pathInContainer);
        }
        catch (BerthException)
        {
            return null;
        }
    }
}
