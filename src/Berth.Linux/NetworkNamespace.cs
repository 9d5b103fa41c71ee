using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>
/// Work done inside another network namespace. setns(2) moves only the calling thread, and a socket stays in
/// the namespace it was created in for life, so a dedicated thread joins the namespace, runs the work (typically
/// creating and binding sockets) and exits: no thread of the process pool ever runs in a foreign namespace.
/// </summary>
public static class NetworkNamespace
{
    private const int ORdOnly = 0, OCloexec = 0x80000;

    /// <summary>
    /// Creates a new network namespace (only a loopback interface, down) and pins it on the empty file
    /// <paramref name="path"/> by a bind mount, as <c>ip netns add</c> does: it lives until <see cref="Release"/>
    /// unmounts it and no process is left in it.
    /// </summary>
    public static void CreatePinned(string path)
    {
        File.WriteAllBytes(path, []);
        OnThread(() =>
        {
            if (Libc.Unshare(Libc.CloneNewNet) != 0) throw new LinuxIOException("unshare", path, Marshal.GetLastPInvokeError());
            Mounts.Mount("/proc/thread-self/ns/net", path, null, MountFlags.Bind, null);
            return 0;
        });
    }

    /// <summary>Unpins a namespace made by <see cref="CreatePinned"/> and deletes its file; a missing one is not an error.</summary>
    public static void Release(string path)
    {
        try
        {
            Mounts.Unmount(path, UnmountFlags.Detach);
        }
        catch (LinuxIOException e) when (e.Errno is Errno.EINVAL or Errno.ENOENT)
        {
        }
        File.Delete(path);
    }

    /// <summary>
    /// Opens the namespace at <paramref name="path"/> (a pinned namespace or /proc/PID/ns/net, followed), close-on-exec:
    /// a descriptor that names it to the kernel, e.g. to move a link there.
    /// </summary>
    public static SafeFileHandle Open(string path)
    {
        var fd = Libc.Open(path, ORdOnly | OCloexec, 0);
        if (fd < 0) throw new LinuxIOException("open", path, Marshal.GetLastPInvokeError());
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Runs <paramref name="work"/> on a new thread joined to the namespace at <paramref name="path"/> (e.g. /proc/PID/ns/net).</summary>
    public static T RunIn<T>(string path, Func<T> work) => OnThread(() =>
    {
        var fd = Libc.Open(path, ORdOnly | OCloexec, 0);
        if (fd < 0) throw new LinuxIOException("open", path, Marshal.GetLastPInvokeError());
        try
        {
            if (Libc.SetNs(fd, Libc.CloneNewNet) != 0) throw new LinuxIOException("setns", path, Marshal.GetLastPInvokeError());
        }
        finally
        {
            Libc.Close(fd);
        }
        return work();
    });

    // The thread ends with the work, so whatever namespace it entered never reaches another caller.
    private static T OnThread<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }) { IsBackground = true, Name = "netns" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
