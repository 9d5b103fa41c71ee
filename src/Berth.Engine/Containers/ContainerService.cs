using Berth.Engine.Images;
using Berth.Engine.Metadata;
using Berth.Engine.Networks;
using Berth.Engine.Volumes;
using Berth.Snapshots;

namespace Berth.Engine.Containers;

/// <summary>
/// Containers on one state root: create, start (through a monitor process per container), stop, kill, remove,
/// list, inspect, logs, exec and the filesystem operations. One operation per partial file. Rows live in the
/// metadata database; a running container's truth is its monitor, which this service starts and asks.
/// </summary>
public sealed partial class ContainerService
{
    private readonly MetadataStore _metadata;
    private readonly ContainerTable _containers;
    private readonly ImageService _images;
    private readonly VolumeService _volumes;
    private readonly NetworkService _networks;
    private readonly ISnapshotter _snapshotter;
    private readonly StateLayout _layout;
    private readonly EngineOptions _options;
    private readonly TimeProvider _time;

    internal ContainerService(MetadataStore metadata, ContainerTable containers, ImageService images, VolumeService volumes,
        NetworkService networks, ISnapshotter snapshotter, StateLayout layout, EngineOptions options)
    {
        _metadata = metadata;
        _containers = containers;
        _images = images;
        _volumes = volumes;
        _networks = networks;
        _snapshotter = snapshotter;
        _layout = layout;
        _options = options;
        _time = options.Time;
    }

    /// <summary>The berth binary the monitor is started from (the running executable by default).</summary>
    internal string MonitorExecutable => _options.BerthExecutable;

    /// <summary>The full ID of the container a user means (by ID, name or unique ID prefix).</summary>
    public string IdOf(string input) => Get(input).Id;

    /// <summary>Looks a container up by ID, name or unique ID prefix, with its state reconciled against reality.</summary>
    internal StoredContainer Get(string input)
    {
        var stored = _metadata.Read(t => ContainerLookup.Get(_containers, t, input));
        return Reconcile(stored);
    }

    internal StoredContainer? Find(string input)
    {
        var stored = _metadata.Read(t => ContainerLookup.Find(_containers, t, input));
        return stored is null ? null : Reconcile(stored);
    }

    /// <summary>Rewrites a container's state from its current value, in one write transaction.</summary>
    // A container's state is rewritten on every start and exit, and reconciled against the runtime after a crash
    // (no process survives one), so its commits do not wait for the disk.
    internal ContainerState UpdateState(string id, Func<ContainerState, ContainerState> change) => _metadata.Write(t =>
    {
        var current = _containers.ById(t, id) ?? throw ContainerLookup.NoSuch(id);
        var next = change(current.State);
        _containers.SetState(t, id, next);
        return next;
    }, waitForDisk: false);

    internal ContainerPaths PathsOf(string id) => new(_layout.ContainerDirectory(id), _layout.BundleDirectory(id));
}
