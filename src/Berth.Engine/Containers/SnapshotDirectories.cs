using Berth.Oci;
using Berth.Snapshots;

namespace Berth.Engine.Containers;

/// <summary>
/// A container snapshot's directories read from its mounts, without mounting: the overlay upperdir and the
/// lowerdirs top first (overlayfs lists them that way in <c>lowerdir=</c>), or, for a snapshot with no parent,
/// the writable bind source and no lowers. docker diff and docker commit work on these directly.
/// </summary>
internal sealed record SnapshotDirectories(string Upper, IReadOnlyList<string> Lowers)
{
    public static SnapshotDirectories From(IReadOnlyList<Mount> mounts)
    {
        var upper = mounts.WritableDirectory()
            ?? throw new BerthException(ErrorKind.Internal, "the container's snapshot has no writable directory");
        var lowers = new List<string>();
        if (mounts is [{ Type: "overlay" } overlay])
        {
            foreach (var option in overlay.Options)
            {
                if (option.StartsWith("lowerdir=", StringComparison.Ordinal))
                    lowers.AddRange(option["lowerdir=".Length..].Split(':', StringSplitOptions.RemoveEmptyEntries));
            }
        }
        return new SnapshotDirectories(upper, lowers);
    }
}
