namespace Berth.Snapshots;

/// <summary>Reading a snapshot's mounts without mounting them.</summary>
public static class MountExtensions
{
    /// <summary>
    /// The directory that receives writes to the mounts of an active snapshot, or null for read-only mounts:
    /// the <c>upperdir=</c> of an overlay mount, or the source of a writable bind mount (an active snapshot with
    /// no parent). This is containerd's fast path for unpacking: the layer applier writes overlay-style
    /// whiteouts straight into this directory instead of mounting the snapshot and diffing through it.
    /// </summary>
    public static string? WritableDirectory(this IReadOnlyList<Mount> mounts)
    {
        if (mounts.Count != 1) return null;
        var mount = mounts[0];
        if (mount.Type == "overlay")
        {
            foreach (var option in mount.Options)
            {
                if (option.StartsWith("upperdir=", StringComparison.Ordinal)) return option["upperdir=".Length..];
            }

            return null;
        }

        var bind = mount.Type == "bind" || mount.Options.Contains("bind") || mount.Options.Contains("rbind");
        return bind && !mount.Options.Contains("ro") ? mount.Source : null;
    }
}
