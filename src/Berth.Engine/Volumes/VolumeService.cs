using System.Globalization;
using Berth.Engine.Metadata;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Engine.Volumes;

/// <summary>
/// Volumes on the <c>local</c> driver: <c>&lt;root&gt;/volumes/&lt;name&gt;/_data</c>, one row each in the
/// metadata database. A volume's lifecycle: created by <c>volume create</c> or by a container that names one
/// (or none: an anonymous volume), marked in use while containers reference it (<c>volume_users</c>), optionally
/// mounted (driver options <c>type</c>/<c>device</c>/<c>o</c>) while used, removed by <c>rm</c> or <c>prune</c>
/// only when no container references it. One operation per partial file.
/// </summary>
public sealed partial class VolumeService
{
    private const string DataDirectory = "_data";

    private readonly MetadataStore _metadata;
    private readonly VolumeTable _volumes;
    private readonly StateLayout _layout;
    private readonly TimeProvider _time;

    internal VolumeService(MetadataStore metadata, StateLayout layout, EngineOptions options)
    {
        _metadata = metadata;
        _volumes = new VolumeTable(metadata);
        _layout = layout;
        _time = options.Time;
    }

    /// <summary><c>berth volume inspect</c>: Docker's Volume object; a missing name is NotFound (<c>get NAME: no such volume</c>).</summary>
    public Task<Volume> InspectAsync(string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var record = _metadata.Read(t => _volumes.Get(t, name)) ?? throw NoSuchVolume(name);
        return Task.FromResult(ToModel(record));
    }

    /// <summary>
    /// <c>berth volume ls</c>: the volumes matching Docker's filters (<c>dangling</c>, <c>driver</c>, <c>label</c>,
    /// <c>name</c>), sorted by name. An unknown filter key is InvalidArgument (<c>invalid filter 'KEY'</c>).
    /// </summary>
    public Task<VolumeListResponse> ListAsync(IReadOnlyList<KeyValuePair<string, string>> filters, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var filter = new VolumeFilter(filters, VolumeFilter.ListKeys);
        var (all, inUse) = _metadata.Read(t => (_volumes.All(t), _volumes.InUse(t)));
        var volumes = all.Where(v => filter.Matches(v, inUse.Contains(v.Name))).Select(ToModel).ToList();
        return Task.FromResult(new VolumeListResponse(volumes, []));
    }

    /// <summary>The host directory a container mounts for the volume (<c>Mountpoint</c>).</summary>
    public string MountpointOf(string name) => Path.Combine(DirectoryOf(name), DataDirectory);

    internal (int Count, long Size) DiskUsage()
    {
        var names = _metadata.Read(_volumes.All).Select(v => v.Name).ToList();
        return (names.Count, names.Sum(n => VolumeTree.Usage(MountpointOf(n))));
    }

    private string DirectoryOf(string name) => Path.Combine(_layout.VolumesDirectory, name);

    private Volume ToModel(VolumeRecord record) => new()
    {
        CreatedAt = record.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        Driver = record.Driver,
        Labels = record.Labels,
        Mountpoint = MountpointOf(record.Name),
        Name = record.Name,
        Options = record.Options,
    };

    private static BerthException NoSuchVolume(string name) => BerthException.NotFound($"get {name}: no such volume");
}
