using Berth.Oci;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Options;

/// <summary>
/// Docker's tmpfs option rules (moby pkg/mount MergeTmpfsOptions): its defaults noexec, nosuid, nodev and
/// rprivate come first, a later option overrides an earlier one of the same kind (ro/rw, exec/noexec, one
/// propagation mode, size=...), and only the tmpfs data keys size, mode, uid, gid, nr_inodes, nr_blocks, mpol.
/// </summary>
public static class TmpfsOptions
{
    private static readonly string[] Defaults = ["noexec", "nosuid", "nodev", Propagation.Default];

    private static readonly HashSet<string> DataKeys =
        new(StringComparer.Ordinal) { "size", "mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol" };

    private static readonly Dictionary<string, string> FlagGroups = new(StringComparer.Ordinal)
    {
        ["ro"] = "rdonly", ["rw"] = "rdonly", ["exec"] = "exec", ["noexec"] = "exec", ["suid"] = "suid",
        ["nosuid"] = "suid", ["dev"] = "dev", ["nodev"] = "dev", ["sync"] = "sync", ["async"] = "sync",
        ["dirsync"] = "dirsync", ["atime"] = "atime", ["noatime"] = "atime", ["diratime"] = "diratime",
        ["nodiratime"] = "diratime", ["relatime"] = "relatime", ["norelatime"] = "relatime",
        ["strictatime"] = "strictatime", ["nostrictatime"] = "strictatime", ["mand"] = "mand", ["nomand"] = "mand",
        ["private"] = "propagation", ["rprivate"] = "propagation", ["shared"] = "propagation",
        ["rshared"] = "propagation", ["slave"] = "propagation", ["rslave"] = "propagation",
    };

    /// <summary>Docker's defaults followed by <paramref name="options"/>, merged so the last of each kind wins.</summary>
    public static IReadOnlyList<string> Merge(IEnumerable<string> options)
    {
        var all = Defaults.Concat(options).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var merged = new List<string>();
        for (var i = all.Count - 1; i >= 0; i--)
        {
            var option = all[i];
            if (option == "defaults") continue;
            string key;
            if (FlagGroups.TryGetValue(option, out var group)) key = "flag:" + group;
            else
            {
                var equals = option.IndexOf('=');
                if (equals < 0 || !DataKeys.Contains(option[..equals]))
                {
                    var quoted = equals < 0 ? $"\"{option}\"" : $"\"{option[..equals]}\" \"{option[(equals + 1)..]}\"";
                    throw BerthException.Invalid($"invalid tmpfs option [{quoted}]");
                }
                key = "data:" + option[..equals];
            }
            if (seen.Add(key)) merged.Insert(0, option);
        }
        return merged;
    }

    /// <summary>The OCI mount of a tmpfs at <paramref name="destination"/> with merged options.</summary>
    public static OciMount ToMount(string destination, IEnumerable<string> options) =>
        new() { Destination = destination, Type = "tmpfs", Source = "tmpfs", Options = Merge(options) };
}
