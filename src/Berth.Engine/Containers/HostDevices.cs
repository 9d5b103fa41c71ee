using Berth.Engine.Models;
using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Spec;

namespace Berth.Engine.Containers;

/// <summary>Resolves <c>--device</c> mappings to the device numbers the spec needs (stat of the host node).</summary>
internal static class HostDevices
{
    public static ContainerDevice Resolve(DeviceMapping mapping)
    {
        // The host path may be a symlink (/dev/disk/by-id/...): the device is what it points at.
        if (!FileStatus.TryLstat(mapping.PathOnHost, out _, out _))
            throw BerthException.Invalid($"error gathering device information while adding custom device \"{mapping.PathOnHost}\": no such file or directory");
        var path = File.ResolveLinkTarget(mapping.PathOnHost, returnFinalTarget: true)?.FullName ?? mapping.PathOnHost;
        if (!FileStatus.TryLstat(path, out var status, out _))
            throw BerthException.Invalid($"error gathering device information while adding custom device \"{mapping.PathOnHost}\": no such file or directory");
        var type = status.Type switch
        {
            UnixFileType.CharacterDevice => 'c',
            UnixFileType.BlockDevice => 'b',
            _ => throw BerthException.Invalid($"error gathering device information while adding custom device \"{mapping.PathOnHost}\": not a device node"),
        };
        return new ContainerDevice
        {
            PathInContainer = mapping.PathInContainer.Length > 0 ? mapping.PathInContainer : mapping.PathOnHost,
            Type = type,
            Major = status.RdevMajor,
            Minor = status.RdevMinor,
            FileMode = (uint)status.Permissions,
            Uid = status.Uid,
            Gid = status.Gid,
            CgroupPermissions = mapping.CgroupPermissions.Length > 0 ? mapping.CgroupPermissions : "rwm",
        };
    }
}
