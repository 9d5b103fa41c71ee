using Berth.Linux;

namespace Berth.Engine.Volumes;

public sealed partial class VolumeService
{
    /// <summary>
    /// Mounts the filesystem the volume's driver options describe (<c>type</c>, <c>device</c>, <c>o</c>) on its
    /// <c>_data</c>, unless it is mounted already; a plain volume needs nothing. Returns whether a mount was
    /// made. Callers mount before starting a container that uses the volume.
    /// </summary>
    internal bool MountIfNeeded(string name)
    {
        var record = _metadata.Read(t => _volumes.Get(t, name)) ?? throw NoSuchVolume(name);
        if (LocalDriverOptions.Parse(record.Options) is not { } mount) return false;
        var target = MountpointOf(name);
        if (MountInfo.IsMountPoint(target)) return false;
        try
        {
            Mounts.Mount(mount.Device, target, mount.Type, mount.Flags, mount.Data);
        }
        catch (LinuxIOException e)
        {
            throw new Oci.BerthException(Oci.ErrorKind.Internal, $"error while mounting volume '{target}': failed to mount local volume: {e.Message}", e);
        }
        return true;
    }

    /// <summary>
    /// Unmounts the volume's <c>_data</c> when no container uses the volume any more. Returns whether it
    /// unmounted. Callers unmount after a container using the volume stopped and released it.
    /// </summary>
    internal bool UnmountIfUnused(string name)
    {
        if (_metadata.Read(t => _volumes.Users(t, name)).Count > 0) return false;
        return UnmountIfMounted(name);
    }

    private bool UnmountIfMounted(string name)
    {
        var target = MountpointOf(name);
        if (!MountInfo.IsMountPoint(target)) return false;
        Mounts.Unmount(target, UnmountFlags.Detach);
        return true;
    }
}
