using Berth.Linux;
using Berth.Oci;

namespace Berth.Builder.Context;

/// <summary>
/// Lists what a selected source contains, the way BuildKit's filtered walk does: names in byte order, symlinks
/// not followed, hidden entries left out, and a hidden directory kept only as the parent of something an
/// exception pattern re-includes.
/// </summary>
internal static class SourceTree
{
    public static List<SourceEntry> Walk(SelectedSource source)
    {
        var entries = new List<SourceEntry>();
        if (!FileStatus.TryLstat(source.HostPath, out var status, out _))
            throw BerthException.NotFound($"failed to compute cache key: \"/{source.RelativePath}\": not found");
        entries.Add(new SourceEntry("", source.HostPath, status, status.ChangeTime));
        if (status.Type == UnixFileType.Directory) Collect(source.HostPath, "", source.Filter, entries);
        return entries;
    }

    /// <summary>Whether a directory hidden by its own name has content an exception brings back.</summary>
    public static bool HasVisibleContent(string hostDirectory, SourceFilter filter)
    {
        var found = new List<SourceEntry>();
        Collect(hostDirectory, "", filter, found);
        return found.Count > 0;
    }

    private static void Collect(string hostDirectory, string relative, SourceFilter filter, List<SourceEntry> entries)
    {
        foreach (var name in ListNames(hostDirectory))
        {
            var childRelative = GoPath.Join(relative, name);
            var childHost = hostDirectory + "/" + name;
            if (!FileStatus.TryLstat(childHost, out var status, out _)) continue;
            var isDirectory = status.Type == UnixFileType.Directory;
            if (!filter.IsEmpty && filter.IsHidden(childRelative))
            {
                if (!isDirectory || !filter.MayReinclude(childRelative)) continue;
                var below = new List<SourceEntry>();
                Collect(childHost, childRelative, filter, below);
                if (below.Count == 0) continue;
                entries.Add(new SourceEntry(childRelative, childHost, status, status.ChangeTime));
                entries.AddRange(below);
                continue;
            }
            entries.Add(new SourceEntry(childRelative, childHost, status, status.ChangeTime));
            if (isDirectory) Collect(childHost, childRelative, filter, entries);
        }
    }

    /// <summary>Entry names sorted by ordinal (Go sorts directory listings by bytes).</summary>
    public static string[] ListNames(string hostDirectory)
    {
        var names = Directory.GetFileSystemEntries(hostDirectory).Select(Path.GetFileName).Cast<string>().ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }
}
