using Berth.Linux;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Containers;

/// <summary>
/// The seccomp step's program as a container's process is started from it: a descriptor opened through a
/// read-only bind mount that is attached nowhere, as runc does for its own binary. A process of the container
/// could reach the file through /proc/PID/exe while the step runs, and a descriptor of a read-only mount cannot
/// be reopened for writing; the detached mount lives only as long as the descriptors, and nothing stays mounted.
/// The kernel's mount API makes such a mount in two calls; where it is missing, the mount is made on a file in
/// <c>scratch</c> and detached at once, which costs a file, two mounts and an unmount on every start and exec.
/// </summary>
internal static class StepExecutable
{
    /// <param name="executable">The step's program on the host.</param>
    /// <param name="scratch">A directory of Berth's own for the moment the mount exists (a container's bundle).</param>
    public static SafeFileHandle Open(string executable, string scratch) =>
        DetachedMounts.OpenReadOnly(executable) ?? OpenThroughScratchMount(executable, scratch);

    private static SafeFileHandle OpenThroughScratchMount(string executable, string scratch)
    {
        var mountPoint = Path.Combine(scratch, $".seccomp-step-{Guid.NewGuid():N}");
        File.WriteAllBytes(mountPoint, []);
        try
        {
            Mounts.Mount(executable, mountPoint, null, MountFlags.Bind, null);
            try
            {
                Mounts.Mount(null, mountPoint, null, MountFlags.Bind | MountFlags.Remount | MountFlags.ReadOnly, null);
                return File.OpenHandle(mountPoint);
            }
            finally
            {
                Mounts.Unmount(mountPoint, UnmountFlags.Detach);
            }
        }
        finally
        {
            File.Delete(mountPoint);
        }
    }
}
