using Berth.Linux;

namespace Berth.Engine.Builds;

/// <summary>
/// The mount points runc creates in a RUN step's rootfs (/etc/hosts, /proc, a cache mount's target…) when the
/// image lacks them. BuildKit leaves them out of the step's layer; so does Berth: each missing path is noted
/// before the run with its parent's mtime, and afterwards removed again if it still holds nothing but empty
/// stubs, its parent's mtime restored.
/// </summary>
internal sealed class MountStubs
{
    private readonly List<(string Path, string Parent, Timespec ParentTime)> _missing = [];

    private MountStubs()
    {
    }

    public static MountStubs Find(string rootfs, IEnumerable<string> destinations)
    {
        var stubs = new MountStubs();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var destination in destinations)
        {
            var current = rootfs;
            foreach (var part in destination.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var next = current + "/" + part;
                if (!FileStatus.TryLstat(next, out var status, out _))
                {
                    if (seen.Add(next) && FileStatus.TryLstat(current, out var parent, out _))
                        stubs._missing.Add((next, current, parent.ModificationTime));
                    break;
                }
                if (status.Type != UnixFileType.Directory) break;
                current = next;
            }
        }
        return stubs;
    }

    public void Remove()
    {
        foreach (var (path, parent, time) in _missing.OrderByDescending(m => m.Path.Length))
        {
            if (!FileStatus.TryLstat(path, out var status, out _) || !OnlyStubs(path, status)) continue;
            if (status.Type == UnixFileType.Directory) Directory.Delete(path, recursive: true);
            else File.Delete(path);
            FileTimes.LSet(parent, Timespec.Omit, time);
        }
    }

    private static bool OnlyStubs(string path, FileStatus status) => status.Type switch
    {
        UnixFileType.RegularFile => status.Size == 0,
        UnixFileType.Directory => Directory.EnumerateFileSystemEntries(path).All(e => FileStatus.TryLstat(e, out var child, out _) && OnlyStubs(e, child)),
        _ => false,
    };
}
