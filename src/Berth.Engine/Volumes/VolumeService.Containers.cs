using Berth.Engine.Metadata;
using Berth.Engine.Models;

namespace Berth.Engine.Volumes;

public sealed partial class VolumeService
{
    /// <summary>
    /// For container create: the volume a mount names (created with default options when missing, as
    /// <c>docker run -v NAME:/path</c> does) or, for a null name, a new anonymous volume; the container is
    /// recorded as its user, so <c>rm</c> and <c>prune</c> leave it alone. Runs in the caller's transaction,
    /// which must also hold the container's row (<c>volume_users</c> has a foreign key on it). If that
    /// transaction rolls back, a directory made here stays behind without a row; a later create of the same
    /// name adopts it.
    /// </summary>
    internal Volume EnsureForContainer(MetadataTransaction t, string? name, string containerId)
    {
        var anonymous = name is null;
        name ??= VolumeNames.Anonymous();
        var labels = anonymous
            ? VolumeTable.Sorted([new(VolumeNames.AnonymousLabel, "")])
            : VolumeTable.Sorted(null);
        var record = CreateIn(t, name, LocalDriverOptions.DriverName, VolumeTable.Sorted(null), labels, anonymous, out _);
        _volumes.AddUser(t, record.Name, containerId);
        return ToModel(record);
    }

    /// <summary>For container removal: forgets every volume use of the container (the volumes stay).</summary>
    internal void ReleaseContainer(MetadataTransaction t, string containerId) => _volumes.RemoveUsersOf(t, containerId);

    /// <summary>The anonymous volumes the container uses, which <c>rm -v</c> removes with it.</summary>
    internal IReadOnlyList<string> AnonymousVolumesOf(MetadataTransaction t, string containerId) => _volumes.AnonymousOf(t, containerId);

    /// <summary>
    /// Whether the volume's data directory has no entries: docker copies the image's content at the mount
    /// path into a volume only while it is still empty.
    /// </summary>
    internal bool IsEmpty(string name) => VolumeTree.IsEmpty(MountpointOf(name));

    /// <summary>
    /// Copies <paramref name="sourceDirInImage"/> (the image's directory at the mount path, inside a mounted
    /// rootfs) into the volume, keeping ownership, modes, times and xattrs, as docker does on a volume's first
    /// use. Symlinks are copied as links and never followed; a source that is not a real directory copies
    /// nothing. The volume's root takes the source directory's owner and mode.
    /// </summary>
    internal Task CopyUpAsync(string name, string sourceDirInImage, CancellationToken ct) =>
        Task.Run(() => VolumeCopier.Copy(sourceDirInImage, MountpointOf(name), ct), ct);
}
