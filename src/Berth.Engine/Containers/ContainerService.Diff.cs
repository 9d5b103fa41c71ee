using Berth.Archive.Changes;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// The mount points the runtime creates in a rootfs that lacks them. Docker keeps these in the container's
    /// "-init" layer, below the writable one, so docker diff never shows them; here they land in the upper
    /// directory and are left out instead.
    /// </summary>
    private static readonly HashSet<string> InitPaths = new(StringComparer.Ordinal)
    {
        "/dev", "/dev/pts", "/dev/shm", "/dev/console", "/proc", "/sys", "/.dockerenv",
        "/etc/resolv.conf", "/etc/hosts", "/etc/hostname", "/etc/mtab",
    };

    /// <summary>
    /// <c>berth diff</c>: what changed in the container's filesystem since it was created, read from its writable
    /// layer (moby's overlay2 rules, see <see cref="OverlayChanges"/>), in the order docker prints it.
    /// </summary>
    public IReadOnlyList<Change> Changes(string input)
    {
        var container = Get(input);
        var directories = SnapshotDirectories.From(_snapshotter.Mounts(container.Id));
        var all = OverlayChanges.Compute(directories.Upper, directories.Lowers);
        var kept = all.Where(c => !(c.Kind == ChangeKind.Added && InitPaths.Contains(c.Path))).ToList();
        // A parent reported only because a hidden mount point was created in it is no change either.
        var hiddenParents = all.Where(c => c.Kind == ChangeKind.Added && InitPaths.Contains(c.Path))
            .Select(c => c.Path[..Math.Max(1, c.Path.LastIndexOf('/'))])
            .ToHashSet(StringComparer.Ordinal);
        kept.RemoveAll(c => c.Kind != ChangeKind.Deleted && hiddenParents.Contains(c.Path) &&
            !kept.Any(o => o.Path.StartsWith(c.Path + "/", StringComparison.Ordinal)));
        return kept;
    }
}
