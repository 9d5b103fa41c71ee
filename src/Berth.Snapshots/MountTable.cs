using Berth.Linux;
using Berth.Oci;

namespace Berth.Snapshots;

/// <summary>The mount points this process's mount namespace sees, from /proc/self/mountinfo.</summary>
internal static class MountTable
{
    /// <summary>
    /// Throws Conflict when something is mounted at or below <paramref name="path"/>: deleting a snapshot
    /// directory then would fail half way or, worse, empty the mounted filesystem. (Mounts in other namespaces
    /// are invisible here; <see cref="FileTree.Delete"/> stops at mount boundaries for those.)
    /// </summary>
    public static void RequireNothingMountedUnder(string path, string what)
    {
        var prefix = path.TrimEnd('/');
        foreach (var mount in MountInfo.Read())
        {
            var point = mount.MountPoint;
            if (point == prefix || point.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                throw BerthException.Conflict($"cannot remove {what}: {point} is still mounted");
            }
        }
    }
}
