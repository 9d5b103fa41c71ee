using Berth.Linux;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// Runs <paramref name="operation"/> on the container's merged root filesystem. A running (or paused)
    /// container's rootfs is the overlay already mounted in its bundle; a stopped one's is mounted from its
    /// snapshot on a private directory under the bundle for the operation and unmounted afterwards. Volumes and
    /// bind mounts are not part of this view: they live in the container's own mount namespace.
    /// </summary>
    private async Task<T> WithRootfsAsync<T>(StoredContainer container, Func<string, Task<T>> operation)
    {
        var paths = PathsOf(container.Id);
        if (container.State.Status is ContainerStatus.Running or ContainerStatus.Paused && Directory.Exists(paths.Rootfs))
            return await operation(paths.Rootfs).ConfigureAwait(false);
        var target = Path.Combine(paths.Bundle, "fs-" + Berth.Linux.SecureRandom.HexString(6));
        Directory.CreateDirectory(target);
        try
        {
            var mounted = 0;
            try
            {
                foreach (var mount in _snapshotter.Mounts(container.Id))
                {
                    mount.MountTo(target);
                    mounted++;
                }
                return await operation(target).ConfigureAwait(false);
            }
            finally
            {
                // A reader that still holds a file open (a cancelled copy) must not keep the mount alive.
                for (; mounted > 0; mounted--) Mounts.Unmount(target, UnmountFlags.Detach);
            }
        }
        finally
        {
            Directory.Delete(target);
        }
    }
}
