using Berth.Engine.Models;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// <c>berth rm</c>: a running container is refused unless forced (then killed first). Removes the runtime's
    /// state, the rootfs mount, the writable layer, the container's files and row, and with
    /// <paramref name="removeVolumes"/> its anonymous volumes.
    /// </summary>
    public async Task RemoveAsync(string input, bool force, bool removeVolumes, CancellationToken ct)
    {
        var container = Get(input);
        if (container.State.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting)
        {
            if (!force)
            {
                var what = container.State.Status == ContainerStatus.Paused ? "container is paused" : "container is running";
                throw BerthException.Conflict($"cannot remove container \"/{container.Name}\": {what}: stop the container before removing or force remove");
            }
            UpdateState(container.Id, s => s with { ManuallyStopped = true });
            if (container.State.Status != ContainerStatus.Restarting)
                await SignalAsync(container, 9, ct).ConfigureAwait(false);
            if (!await WaitForStopAsync(container.Id, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false))
                throw new BerthException(ErrorKind.Unavailable, $"could not kill container {container.Id}");
            // A --rm container's monitor removes it itself.
            if (Find(container.Id) is not { } stillThere) return;
            container = stillThere;
        }
        await RemoveStopped(container.Record, removeVolumes).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes a container that is not running; a second remover finding it gone is not an error. When it returns
    /// the container is gone from every listing; the task completes once its layer's files are deleted too, and
    /// callers wait for that before they report the removal.
    /// </summary>
    internal Task RemoveStopped(ContainerRecord record, bool removeVolumes)
    {
        var runtime = RuntimeFor(record);
        if (runtime?.HasState(record.Id) == true)
            runtime.DeleteAsync(record.Id, force: true, CancellationToken.None).GetAwaiter().GetResult();
        return RemoveStopped(record.Id, removeVolumes, runtimeDeletion: Task.CompletedTask);
    }

    /// <summary>
    /// <see cref="RemoveStopped(ContainerRecord, bool)"/> for a container whose runtime state is gone or going: a
    /// monitor that has the runtime's delete under way passes it as <paramref name="runtimeDeletion"/>, and the
    /// files go meanwhile.
    /// </summary>
    internal Task RemoveStopped(string id, bool removeVolumes, Task runtimeDeletion)
    {
        var anonymous = removeVolumes ? _metadata.Read(t => _volumes.AnonymousVolumesOf(t, id)) : [];
        var paths = PathsOf(id);
        // Once the rootfs is unmounted, the writable layer leaves the store (a rename) and its files
        // are deleted on a thread of their own, beside the rest of the removal, which waits for the first part
        // before the row goes.
        Mounts.UnmountIfMounted(paths.Rootfs);
        var layerRemoval = Task.Factory.StartNew(() => RemoveLayer(id), CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        // The bundle's files go with its directory below.
        ReleaseBundleMounts(paths);
        _networks.ReleaseContainerAsync(id, CancellationToken.None).GetAwaiter().GetResult();
        var layerDeletion = RemoveLeftovers(id, runtimeDeletion, layerRemoval);
        foreach (var volume in anonymous)
        {
            try
            {
                _volumes.RemoveAsync(volume, force: false, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (BerthException e) when (e.Kind is ErrorKind.Conflict or ErrorKind.NotFound)
            {
                // Still used by another container (--volumes-from), or already gone: Docker keeps going too.
            }
        }
        return layerDeletion;
    }

    /// <summary><c>berth container prune</c>: removes every stopped container (matching the filters).</summary>
    public Task<ContainerPruneReport> PruneAsync(IReadOnlyList<KeyValuePair<string, string>> filters, CancellationToken ct)
    {
        var filter = ContainerFilter.Parse(filters, pruning: true, _time.GetUtcNow());
        var all = ListStored();
        var images = _images.AllImages();
        var deleted = new List<string>();
        long reclaimed = 0;
        foreach (var container in all)
        {
            if (container.State.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting) continue;
            if (!filter.Matches(container, all, images)) continue;
            reclaimed += _snapshotter.Stat(container.Id) is null ? 0 : _snapshotter.Usage(container.Id);
            try
            {
                RemoveStopped(container.Record, removeVolumes: false).GetAwaiter().GetResult();
                deleted.Add(container.Id);
            }
            catch (BerthException) when (Find(container.Id) is null)
            {
            }
        }
        return Task.FromResult(new ContainerPruneReport(deleted, reclaimed));
    }
}
