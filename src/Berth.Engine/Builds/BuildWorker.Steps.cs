using Berth.Archive.Changes;
using Berth.Builder.Execution;
using Berth.Engine.Images;
using Berth.Linux;
using Berth.Oci;
using Berth.Snapshots;

namespace Berth.Engine.Builds;

internal sealed partial class BuildWorker
{
    /// <summary>A tar holding nothing but its two end blocks: a step that changed nothing.</summary>
    private static readonly Digest EmptyLayer = Digest.Compute(new byte[1024]);

    public Task<BuildLayer?> ChangeAsync(IReadOnlyList<BuildLayer> chain, Func<ChangeRoot, CancellationToken, Task> change, DateTimeOffset? clamp,
        CancellationToken ct) =>
        WithWritableAsync(chain, async (rootfs, _, layerDirectory) =>
        {
            await change(new ChangeRoot(rootfs, layerDirectory), ct).ConfigureAwait(false);
            return true;
        }, clamp, ct);

    /// <summary>
    /// Prepares a writable snapshot on <paramref name="chain"/>, mounts it under the run root, lets
    /// <paramref name="step"/> work in it (given the mount, the bundle directory and the layer directory), unmounts, and turns what changed into the step's layer. When the step
    /// says no (a failed RUN) or throws, the snapshot is removed and nothing is stored.
    /// </summary>
    private async Task<BuildLayer?> WithWritableAsync(IReadOnlyList<BuildLayer> chain, Func<string, string, string?, Task<bool>> step, DateTimeOffset? clamp,
        CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("N");
        var key = "build-" + id;
        var bundle = Path.Combine(_layout.RunRoot, "builds", id);
        var rootfs = Path.Combine(bundle, "rootfs");
        var parent = TopChain(chain);
        var mounts = _snapshotter.Prepare(key, parent?.ToString());
        var keep = false;
        Task? unmounted = null;
        try
        {
            Directory.CreateDirectory(rootfs);
            bool succeeded;
            foreach (var mount in mounts) mount.MountTo(rootfs);
            try
            {
                succeeded = await step(rootfs, bundle, mounts.WritableDirectory()).ConfigureAwait(false);
            }
            finally
            {
                // Tearing the overlay down evicts every entry the step made through it (a COPY of a large tree: a
                // good part of the step); it runs beside the layer's writing, which reads the upper directory
                // directly, and nothing writes through the mount any more once the step has returned.
                unmounted = Task.Run(() => Unmount(rootfs), CancellationToken.None);
            }
            if (!succeeded) return null;
            var layer = await CommitLayerAsync(key, mounts, parent, clamp, unmounted, ct).ConfigureAwait(false);
            keep = layer is not null;
            return layer;
        }
        finally
        {
            // The snapshot is committed, removed or its bundle deleted only once nothing is mounted on it.
            if (unmounted is not null) await unmounted.ConfigureAwait(false);
            if (!keep && _snapshotter.Stat(key) is not null) _snapshotter.Remove(key);
            if (Directory.Exists(bundle)) Directory.Delete(bundle, recursive: true);
        }
    }

    /// <summary>
    /// Writes the snapshot's upper directory as a layer blob and commits the snapshot as the new chain. Null when
    /// nothing changed. Another build that made the same chain first keeps its snapshot; the content is equal.
    /// </summary>
    private async Task<BuildLayer?> CommitLayerAsync(string key, IReadOnlyList<Mount> mounts, Digest? parent, DateTimeOffset? clamp, Task unmounted,
        CancellationToken ct)
    {
        var upper = mounts.WritableDirectory()
            ?? throw new BerthException(ErrorKind.Internal, $"snapshotter {_snapshotter.Driver} gave no writable directory for {key}");
        var lowers = mounts.SelectMany(m => m.Options)
            .Where(o => o.StartsWith("lowerdir=", StringComparison.Ordinal))
            .SelectMany(o => o["lowerdir=".Length..].Split(':'))
            .ToList();
        Descriptor blob;
        await using (var writer = _content.BeginWrite(key))
        {
            writer.Truncate();
            var written = await UpperLayerWriter.WriteAsync(upper, lowers, writer, clamp, ct).ConfigureAwait(false);
            if (written.DiffId == EmptyLayer) return null;
            var info = await writer.CommitAsync(written.DiffId, written.Size, ct).ConfigureAwait(false);
            blob = new Descriptor { MediaType = MediaTypes.DockerLayer, Digest = info.Digest, Size = info.Size };
        }
        var chain = ChainIds.Next(parent, blob.Digest);
        await unmounted.ConfigureAwait(false);
        try
        {
            _snapshotter.Commit(chain.ToString(), key);
        }
        catch (BerthException e) when (e.Kind == ErrorKind.AlreadyExists)
        {
            _snapshotter.Remove(key);
        }
        return new BuildLayer(blob.Digest, blob);
    }

    /// <summary>Undoes every mount stacked on <paramref name="target"/>.</summary>
    private static void Unmount(string target)
    {
        // Lazily: a process that still has a file open under the step's rootfs must not keep the snapshot busy.
        for (var i = 0; i < 16; i++)
        {
            if (!Mounts.UnmountIfMounted(target, UnmountFlags.Detach)) return;
        }
    }
}
