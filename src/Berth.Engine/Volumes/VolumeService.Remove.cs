using Berth.Engine.Metadata;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Engine.Volumes;

public sealed partial class VolumeService
{
    /// <summary>
    /// <c>berth volume rm</c>. A volume some container references is Conflict
    /// (<c>remove NAME: volume is in use - [ID, ...]</c>), with or without <paramref name="force"/>, as in docker;
    /// force only makes a missing name a success.
    /// </summary>
    public Task RemoveAsync(string name, bool force, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        RemoveWhere(t =>
        {
            var record = _volumes.Get(t, name);
            if (record is null) return force ? [] : throw NoSuchVolume(name);
            var users = _volumes.Users(t, name);
            if (users.Count > 0) throw BerthException.Conflict($"remove {name}: volume is in use - [{string.Join(", ", users)}]");
            return [record];
        });
        return Task.CompletedTask;
    }

    /// <summary>
    /// <c>berth volume prune</c>: removes the volumes no container references, only anonymous ones unless
    /// <paramref name="all"/> (or the filter <c>all=true</c>; Docker 23+ behaviour). Filters: <c>label</c>,
    /// <c>label!</c>, <c>all</c>. Space reclaimed is what the removed data directories held.
    /// </summary>
    public Task<VolumePruneReport> PruneAsync(IReadOnlyList<KeyValuePair<string, string>> filters, bool all, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var filter = new VolumeFilter(filters, VolumeFilter.PruneKeys);
        all |= filter.All;
        var removed = RemoveWhere(t =>
        {
            var inUse = _volumes.InUse(t);
            return _volumes.All(t)
                .Where(v => !inUse.Contains(v.Name) && (all || v.Anonymous || v.Labels.ContainsKey(VolumeNames.AnonymousLabel)))
                .Where(v => filter.Matches(v, inUse: false))
                .ToList();
        });
        return Task.FromResult(new VolumePruneReport(removed.Select(r => r.Name).ToList(), removed.Sum(r => r.Size)));
    }

    /// <summary>
    /// Removes the volumes <paramref name="select"/> picks, in one transaction: each directory is renamed aside
    /// (so the name is free at once and a failed commit can put it back), its row deleted, and the renamed
    /// directories are deleted only after the commit.
    /// </summary>
    private List<(string Name, long Size)> RemoveWhere(Func<MetadataTransaction, IReadOnlyList<VolumeRecord>> select)
    {
        var moved = new List<(string Name, string Trash)>();
        var removed = new List<(string Name, long Size)>();
        try
        {
            _metadata.Write(t =>
            {
                foreach (var record in select(t))
                {
                    UnmountIfMounted(record.Name);
                    var size = VolumeTree.Usage(MountpointOf(record.Name));
                    var directory = DirectoryOf(record.Name);
                    if (Directory.Exists(directory))
                    {
                        var trash = Path.Combine(_layout.VolumesDirectory, ".trash-" + Guid.NewGuid().ToString("N"));
                        Directory.Move(directory, trash);
                        moved.Add((record.Name, trash));
                    }
                    _volumes.Delete(t, record.Name);
                    removed.Add((record.Name, size));
                }
            });
        }
        catch
        {
            foreach (var (name, trash) in moved) Directory.Move(trash, DirectoryOf(name));
            throw;
        }
        foreach (var (_, trash) in moved) VolumeTree.Delete(trash);
        return removed;
    }
}
