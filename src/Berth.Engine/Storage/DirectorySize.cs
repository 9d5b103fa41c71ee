using Berth.Linux;

namespace Berth.Engine.Storage;

/// <summary>
/// The size Docker reports for a layer: the sum of the apparent sizes of its regular files and symlinks, each
/// hardlinked inode counted once (docker's directory.Size), not the blocks it occupies.
/// </summary>
internal static class DirectorySize
{
    public static long Of(string directory)
    {
        long total = 0;
        var seen = new HashSet<(uint Major, uint Minor, ulong Inode)>();
        var pending = new Stack<string>();
        pending.Push(directory);
        while (pending.Count > 0)
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(pending.Pop()))
            {
                var status = FileStatus.Lstat(path);
                switch (status.Type)
                {
                    case UnixFileType.Directory:
                        pending.Push(path);
                        break;
                    case UnixFileType.RegularFile when status.LinkCount > 1 && !seen.Add((status.DeviceMajor, status.DeviceMinor, status.Inode)):
                        break;
                    case UnixFileType.RegularFile or UnixFileType.SymbolicLink:
                        total += status.Size;
                        break;
                }
            }
        }
        return total;
    }
}
