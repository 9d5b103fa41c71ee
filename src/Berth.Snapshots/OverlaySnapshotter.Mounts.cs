using Berth.Oci;

namespace Berth.Snapshots;

public sealed partial class OverlaySnapshotter
{
    /// <summary>
    /// The mounts of a snapshot, as containerd's overlay snapshotter returns them:
    /// active without parent → rw bind of its fs; active with parents → overlay (upperdir = its fs, lowerdir =
    /// parents nearest first); view or committed → its read-only contents: a ro bind when one directory holds them
    /// all, else an overlay of lowerdirs only (overlay without upperdir is read-only and needs two lowers).
    /// </summary>
    private IReadOnlyList<Mount> BuildMounts(StoredSnapshot snapshot)
    {
        var lowers = new List<string>();
        for (var parent = snapshot.Record.Parent; parent is not null;)
        {
            if (_store.Find(parent) is not { } found)
            {
                throw new BerthException(ErrorKind.Internal, $"snapshot {snapshot.Record.Key}: parent {parent} is missing");
            }

            lowers.Add(_store.FsPath(found.Id));
            parent = found.Record.Parent;
        }

        var fs = _store.FsPath(snapshot.Id);
        var options = new List<string>();
        if (snapshot.Record.Kind == SnapshotKind.Active)
        {
            if (lowers.Count == 0) return [new Mount("bind", fs, ["rbind", "rw"])];
            if (_indexOff) options.Add("index=off");
            options.Add("workdir=" + _store.WorkPath(snapshot.Id));
            options.Add("upperdir=" + fs);
        }
        else
        {
            // A view's own fs stays empty; it only shows when there is no parent. A committed snapshot's own
            // contents come first.
            if (snapshot.Record.Kind == SnapshotKind.Committed || lowers.Count == 0) lowers.Insert(0, fs);
            if (lowers.Count == 1) return [new Mount("bind", lowers[0], ["rbind", "ro"])];
            if (_indexOff) options.Add("index=off");
        }

        options.Add("lowerdir=" + string.Join(':', lowers));
        CheckOptionLength(snapshot.Record.Key, options, lowers.Count);
        return [new Mount("overlay", "overlay", options)];
    }

    /// <summary>
    /// mount(2) copies at most one page of option data, so a long enough chain cannot be mounted. Failing here
    /// names the cause; the kernel would only say EINVAL or truncate. (containerd works around the limit by
    /// mounting with relative lowerdirs from a forked child's cwd; a chain this deep is rare with short ids.)
    /// </summary>
    private static void CheckOptionLength(string key, List<string> options, int layers)
    {
        var length = options.Sum(o => o.Length + 1) - 1;
        var limit = Environment.SystemPageSize - 1; // the page ends with the terminating NUL
        if (length > limit)
        {
            throw BerthException.Invalid(
                $"snapshot {key}: overlay options for {layers} layers are {length} bytes, over the mount(2) limit of {limit}");
        }
    }
}
