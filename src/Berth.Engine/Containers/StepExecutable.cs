using Berth.Linux;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Containers;

/// <summary>
/// The seccomp step's program as containers start it: through a read-only bind mount under the run root. A process of the container could reach the file through /proc/PID/exe while the step runs, and a
/// descriptor of a read-only mount cannot be reopened for writing (runc protects its own binary so too). The
/// mount is made once per boot, and again when the program was replaced.
/// </summary>
internal static class StepExecutable
{
    public static SafeFileHandle Open(string mountPoint, string executable)
    {
        if (!IsMountOf(mountPoint, executable))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(mountPoint)!);
            using var held = FileLock.Acquire(mountPoint + ".lock");
            if (!IsMountOf(mountPoint, executable))
            {
                while (MountInfo.IsMountPoint(mountPoint)) Mounts.Unmount(mountPoint, UnmountFlags.Detach);
                File.WriteAllBytes(mountPoint, []);
                Mounts.Mount(executable, mountPoint, null, MountFlags.Bind, null);
                Mounts.Mount(null, mountPoint, null, MountFlags.Bind | MountFlags.Remount | MountFlags.ReadOnly, null);
            }
        }
        return File.OpenHandle(mountPoint);
    }

    private static bool IsMountOf(string mountPoint, string executable) =>
        FileStatus.TryStat(mountPoint, out var mounted, out _) && FileStatus.TryStat(executable, out var binary, out _)
        && mounted.Inode == binary.Inode && mounted.DeviceMajor == binary.DeviceMajor && mounted.DeviceMinor == binary.DeviceMinor
        && Mounts.IsReadOnly(mountPoint);
}
